namespace Sentinel.AutoRetrain.Cli;

/// <summary>What the command line asked for, after parsing.</summary>
public sealed record RetrainArguments
{
    /// <summary>A specialist type or name, or <c>all</c>.</summary>
    public required string SpecialistType { get; init; }
    /// <summary>Retrain regardless of thresholds and cooldown.</summary>
    public bool Force { get; init; }
    /// <summary>Promote the challenger even when the promotion rule refuses it; the run, summary and notification say so.</summary>
    public bool ForcePromote { get; init; }
    /// <summary>Train on the newest dataset in <c>{data dir}/datasets/&lt;type&gt;/</c> instead of generating one.</summary>
    public bool SkipDatasetGeneration { get; init; }
    /// <summary>Decide and print the plan; write nothing anywhere.</summary>
    public bool DryRun { get; init; }
    /// <summary>Overrides NOTIFICATION_CHANNELS and the specs' channels when given.</summary>
    public IReadOnlyList<string>? NotificationChannels { get; init; }
    /// <summary>Spec files or directories; empty = the specialists embedded in Sentinel.</summary>
    public IReadOnlyList<string> SpecPaths { get; init; } = [];
    public OutputFormat OutputFormat { get; init; }
    public bool Verbose { get; init; }
}

public enum OutputFormat { Text, Json }
