namespace Sentinel.Core.Tracking;

/// <summary>Where a specialist's model lives in the tracking server.</summary>
public sealed record TrackingTarget(string Experiment, string RegisteredModel, string ChampionAlias);

/// <summary>The run metrics the monitor reads; a metric the run never logged is null.</summary>
public sealed record RunMetrics(double? Precision, double? Recall, double? F1Score, double? Accuracy)
{
    public static RunMetrics Empty { get; } = new(null, null, null, null);
}

/// <summary>How the monitored run was chosen, in order of preference.</summary>
public enum RunSelection
{
    /// <summary>The run behind the registered-model version that carries the champion alias.</summary>
    ChampionAlias,
    /// <summary>The run behind the latest registered-model version in the legacy stage <c>Production</c>.</summary>
    ProductionStage,
    /// <summary>The newest FINISHED run among the experiment's last 100 runs.</summary>
    LatestFinishedRun,
}

/// <summary>The run whose metrics judge the specialist.</summary>
public sealed record MonitoredRun(
    string RunId,
    string ExperimentId,
    string? RunName,
    RunSelection SelectedBy,
    string? ModelVersion,
    DateTimeOffset? StartTime,
    RunMetrics Metrics);

/// <summary>Either the monitored run, or why there is none (an expected state, not an error).</summary>
public sealed record RunLookup
{
    private RunLookup(MonitoredRun? run, string? missingReason) { Run = run; MissingReason = missingReason; }

    public MonitoredRun? Run { get; }
    public string? MissingReason { get; }

    public static RunLookup Found(MonitoredRun run) => new(run ?? throw new ArgumentNullException(nameof(run)), null);
    public static RunLookup Missing(string reason) => new(null, reason);
}

/// <summary>Reads the monitored run of a specialist (MLflow over REST, or the local tracking store).</summary>
public interface IRunSource
{
    /// <summary>
    /// The champion's run (alias), else the latest <c>Production</c> version's run, else the newest FINISHED
    /// run among the last 100. Throws <see cref="Errors.DependencyUnavailableException"/> when the store cannot be reached.
    /// </summary>
    Task<RunLookup> FindMonitoredRunAsync(TrackingTarget target, CancellationToken cancellationToken);
}
