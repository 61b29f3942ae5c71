namespace Sentinel.Core.Specs;

/// <summary>A specialist with every default applied: what the jobs and the operator act on.</summary>
public sealed record ResolvedSpecialist
{
    public required string Name { get; init; }
    public string? Namespace { get; init; }
    public required string SpecialistType { get; init; }
    /// <summary>The classifier's labels; empty when the spec names none (monitoring works, retraining refuses).</summary>
    public required IReadOnlyList<string> Labels { get; init; }
    public required IReadOnlyList<(string Text, string Label)> Examples { get; init; }
    public required string Experiment { get; init; }
    public required string RegisteredModel { get; init; }
    public required string ChampionAlias { get; init; }
    public required Thresholds Thresholds { get; init; }
    public required Weights Weights { get; init; }
    public required TimeSpan FeedbackWindow { get; init; }
    public required string Schedule { get; init; }
    public required bool Suspend { get; init; }
    public required ResolvedRetraining Retraining { get; init; }
    public required ResolvedNotifications Notifications { get; init; }
    /// <summary><c>spec.onlineQuality</c>: the online thresholds this specialist sets; the rest take the configured defaults.</summary>
    public OnlineQualityOverrides OnlineQuality { get; init; } = OnlineQualityOverrides.None;
}

public sealed record ResolvedRetraining
{
    public required bool Enabled { get; init; }
    public required TimeSpan Cooldown { get; init; }
    public required ResolvedDatasetGeneration DatasetGeneration { get; init; }
    public required int FeedbackSamples { get; init; }
    public required TimeSpan TrainingTimeout { get; init; }
    public required double MinAbsoluteImprovement { get; init; }
    public required double MinRelativeImprovement { get; init; }
    public required bool TransitionStage { get; init; }
    /// <summary>Path of the golden set (<c>spec.retraining.promotion.goldenSet</c>); null when the spec names none.</summary>
    public string? GoldenSet { get; init; }
}

public sealed record ResolvedDatasetGeneration
{
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public string? BaseUrl { get; init; }
    public required int Samples { get; init; }
    public required double Temperature { get; init; }
    public required TimeSpan Timeout { get; init; }
    public SecretKeyRef? ApiKeySecretRef { get; init; }
}

public sealed record ResolvedNotifications
{
    public required IReadOnlyList<string> Channels { get; init; }
    public required string SlackChannel { get; init; }
    public SecretKeyRef? SlackWebhookSecretRef { get; init; }
    public required IReadOnlyList<string> EmailRecipients { get; init; }
    public SecretKeyRef? SmtpSecretRef { get; init; }
}
