namespace Sentinel.MonitorJob.Cli;

/// <summary>What the command line asked for, after parsing.</summary>
public sealed record MonitorArguments
{
    /// <summary>A specialist type or name, or <c>all</c>.</summary>
    public required string SpecialistType { get; init; }
    public required OutputFormat OutputFormat { get; init; }
    /// <summary>Pushgateway base URL; overrides PROMETHEUS_PUSHGATEWAY_URL.</summary>
    public Uri? ExportMetrics { get; init; }
    /// <summary>Spec files or directories; empty = the specialists embedded in Sentinel.</summary>
    public IReadOnlyList<string> SpecPaths { get; init; } = [];
    /// <summary>Overrides NOTIFICATION_CHANNELS and the specs' channels when given.</summary>
    public IReadOnlyList<string>? NotificationChannels { get; init; }
    public bool Verbose { get; init; }
    public bool FailOnDegraded { get; init; }
    /// <summary><c>--signals</c>: everything (the full monitor), or the online signals alone.</summary>
    public Signals Signals { get; init; } = Signals.All;
}

public enum OutputFormat { Text, Json }

/// <summary>What a run computes: <see cref="All"/> (MLflow metrics, feedback, online signals, alerts) or <see cref="Online"/> (drift, confidence and online metrics only).</summary>
public enum Signals { All, Online }
