using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tracking;

/// <summary>
/// Picks the run that judges a specialist: the champion alias's version, else the latest version in stage
/// <c>Production</c>, else the newest FINISHED run among the experiment's last 100. Nothing found is a value
/// (<see cref="RunLookup.Missing"/>) whose reason names the experiment, the store and what to do.
/// </summary>
internal sealed class MonitoredRunFinder(LocalRuns runs, LocalModelRegistry registry, string storePath)
{
    public async Task<RunLookup> FindAsync(TrackingTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (await registry.GetByAliasAsync(target.RegisteredModel, target.ChampionAlias, ct) is { } champion
            && await FromVersionAsync(champion, RunSelection.ChampionAlias, ct) is { } byAlias)
            return RunLookup.Found(byAlias);

        if (await registry.GetLatestInStageAsync(target.RegisteredModel, RegistryRules.Production, ct) is { } production
            && await FromVersionAsync(production, RunSelection.ProductionStage, ct) is { } byStage)
            return RunLookup.Found(byStage);

        var experimentId = await runs.FindExperimentAsync(target.Experiment, ct);
        if (experimentId is null)
            return RunLookup.Missing(
                $"experiment '{target.Experiment}' does not exist in the local tracking store {storePath}, and no version of model " +
                $"'{target.RegisteredModel}' carries alias '{target.ChampionAlias}' or stage Production; train and register a first model " +
                "(sentinel-retrain), or set MLFLOW_TRACKING_URI to read an MLflow server");

        if (await runs.FindLatestFinishedAsync(experimentId, ct) is { } latest)
            return RunLookup.Found(await ToMonitoredAsync(latest, RunSelection.LatestFinishedRun, null, ct));

        var count = await runs.CountRunsAsync(experimentId, ct);
        return RunLookup.Missing(
            $"experiment '{target.Experiment}' in the local tracking store {storePath} has no FINISHED run among its last " +
            $"{LocalRuns.RecentRunsConsidered} runs ({count} run(s) in all), and no version of model '{target.RegisteredModel}' carries alias " +
            $"'{target.ChampionAlias}' or stage Production; wait for the running training to finish, or retrain (sentinel-retrain)");
    }

    private async Task<MonitoredRun?> FromVersionAsync(ModelVersionInfo version, RunSelection selection, CancellationToken ct) =>
        version.RunId is { } runId && await runs.GetRunAsync(runId, ct) is { } run
            ? await ToMonitoredAsync(run, selection, version.Version, ct)
            : null;

    private async Task<MonitoredRun> ToMonitoredAsync(StoredRun run, RunSelection selection, string? modelVersion, CancellationToken ct) =>
        new(run.RunId, run.ExperimentId, run.RunName, selection, modelVersion, run.StartTime, await runs.GetLatestMetricsAsync(run.RunId, ct));
}
