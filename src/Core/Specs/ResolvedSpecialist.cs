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
    /// <summary><c>spec.versionScope</c>: the model versions the feedback statistics, the aggregate and the online signals cover.</summary>
    public VersionScope VersionScope { get; init; } = VersionScope.Champion;
    public required string Schedule { get; init; }
    public required bool Suspend { get; init; }
    /// <summary><c>spec.onlineQuality.schedule</c>: when the online signals are also computed on their own; null = with the monitor only.</summary>
    public string? OnlineSchedule { get; init; }
    public required ResolvedRetraining Retraining { get; init; }
    public required ResolvedNotifications Notifications { get; init; }
    public ResolvedGoldenEvaluation GoldenEvaluation { get; init; } = ResolvedGoldenEvaluation.Disabled;
    /// <summary><c>spec.onlineQuality</c>: the online thresholds this specialist sets; the rest take the configured defaults.</summary>
    public OnlineQualityOverrides OnlineQuality { get; init; } = OnlineQualityOverrides.None;
    /// <summary><c>spec.jobResources</c>: requests and limits this specialist's pods set over the operator's defaults.</summary>
    public ResolvedJobResources JobResources { get; init; } = ResolvedJobResources.None;
}

public sealed record ResolvedRetraining
{
    /// <summary>False only under <see cref="RetrainingMode.Off"/>: observing still decides.</summary>
    public required bool Enabled { get; init; }
    /// <summary><c>spec.retraining.mode</c> (<c>enabled: false</c> is <see cref="RetrainingMode.Off"/>).</summary>
    public RetrainingMode Mode { get; init; } = RetrainingMode.Auto;
    public required TimeSpan Cooldown { get; init; }
    public required ResolvedDatasetGeneration DatasetGeneration { get; init; }
    public required int FeedbackSamples { get; init; }
    public required TimeSpan TrainingTimeout { get; init; }
    public required double MinAbsoluteImprovement { get; init; }
    public required double MinRelativeImprovement { get; init; }
    /// <summary><c>spec.retraining.promotion.significanceLevel</c>: the p-value below which a paired difference counts.</summary>
    public double SignificanceLevel { get; init; } = DefaultSignificanceLevel;
    public const double DefaultSignificanceLevel = 0.05;
    public required bool TransitionStage { get; init; }
    /// <summary>Path of the golden set (<c>spec.retraining.promotion.goldenSet</c>); null when the spec names none.</summary>
    public string? GoldenSet { get; init; }
    /// <summary><c>spec.retraining.promotion.{mode, rollout, rollback}</c>.</summary>
    public ResolvedRollout Rollout { get; init; } = ResolvedRollout.Default;
}

/// <summary>How a passing challenger reaches production and how a promotion is undone.</summary>
public enum PromotionMode
{
    Immediate,
    Shadow,
    Canary,
}

public sealed record ResolvedRollout
{
    public const double DefaultCanaryShare = 0.1, DefaultShadowShare = 1, DefaultRollbackMargin = 0.05;
    public const int DefaultMinPairedLabels = 200, DefaultMaxDurationHours = 168, DefaultRollbackWindowHours = 24, DefaultRollbackMinLabels = 100;

    public static ResolvedRollout Default { get; } = new();

    public PromotionMode Mode { get; init; } = PromotionMode.Immediate;
    public double CanaryShare { get; init; } = DefaultCanaryShare;
    public double ShadowShare { get; init; } = DefaultShadowShare;
    public int MinPairedLabels { get; init; } = DefaultMinPairedLabels;
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(DefaultMaxDurationHours);
    public bool RollbackEnabled { get; init; } = true;
    public TimeSpan RollbackWindow { get; init; } = TimeSpan.FromHours(DefaultRollbackWindowHours);
    public double RollbackMargin { get; init; } = DefaultRollbackMargin;
    public int RollbackMinLabels { get; init; } = DefaultRollbackMinLabels;

    /// <summary>The mode's name as written in the spec and in the registry's tags.</summary>
    public static string Name(PromotionMode mode) => mode switch
    {
        PromotionMode.Shadow => "shadow",
        PromotionMode.Canary => "canary",
        _ => "immediate",
    };
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
    /// <summary><c>spec.retraining.datasetGeneration.policy</c>: when a retrain generates rows.</summary>
    public GenerationPolicy Policy { get; init; } = GenerationPolicy.IfNoTrainingSet;
    /// <summary><c>maxSyntheticShare</c> and <c>capFromRealRows</c>.</summary>
    public Datasets.SyntheticCapPolicy SyntheticCap { get; init; } = Datasets.SyntheticCapPolicy.Default;
    /// <summary><c>budget</c>: what generation may spend; <see cref="GenerationBudget.None"/> when the spec sets none.</summary>
    public GenerationBudget Budget { get; init; } = GenerationBudget.None;
}

/// <summary>
/// <c>spec.retraining.datasetGeneration.budget</c>, each limit null when unset. Tokens count input and output together;
/// costs are estimated in USD from the configured price table.
/// </summary>
public sealed record GenerationBudget(long? MaxTokensPerRun, double? MaxCostUsdPerRun, long? MaxTokensPer30Days, double? MaxCostUsdPer30Days)
{
    /// <summary>The budget names as the spec, the summaries and the MLflow tag <c>sentinel.llm.budget_stopped</c> spell them.</summary>
    public const string TokensPerRun = "maxTokensPerRun", CostPerRun = "maxCostUsdPerRun", TokensPer30Days = "maxTokensPer30Days", CostPer30Days = "maxCostUsdPer30Days";

    public static GenerationBudget None { get; } = new(null, null, null, null);

    public bool IsSet => MaxTokensPerRun is not null || MaxCostUsdPerRun is not null || MaxTokensPer30Days is not null || MaxCostUsdPer30Days is not null;
    public bool HasCost => MaxCostUsdPerRun is not null || MaxCostUsdPer30Days is not null;
    public bool Has30Days => MaxTokensPer30Days is not null || MaxCostUsdPer30Days is not null;
}

/// <summary>When a retrain generates rows.</summary>
public enum GenerationPolicy
{
    /// <summary>Only when there is no champion training set to start from (a first model, or a champion Sentinel did not train).</summary>
    IfNoTrainingSet,
    /// <summary>On every retrain, added to the champion's training set and the new feedback.</summary>
    Always,
}

public sealed record ResolvedNotifications
{
    public required IReadOnlyList<string> Channels { get; init; }
    public required string SlackChannel { get; init; }
    public SecretKeyRef? SlackWebhookSecretRef { get; init; }
    public required IReadOnlyList<string> EmailRecipients { get; init; }
    public SecretKeyRef? SmtpSecretRef { get; init; }
    /// <summary><c>spec.notifications.reminders</c>: repeat the alert while degraded, and escalate.</summary>
    public ResolvedReminders Reminders { get; init; } = ResolvedReminders.Default;
}

/// <summary><c>spec.goldenEvaluation</c> with its defaults; when <see cref="Enabled"/>, the URL and the ConfigMap name are set.</summary>
public sealed record ResolvedGoldenEvaluation
{
    public const string DefaultSchedule = "30 * * * *";
    public const string DefaultKey = "golden.jsonl";
    public const int DefaultMaxItems = 1000;
    public const int MaxItemsLimit = 100_000;

    /// <summary>Golden evaluation as it is when the spec leaves it out: disabled.</summary>
    public static ResolvedGoldenEvaluation Disabled { get; } = new() { Enabled = false, Schedule = DefaultSchedule, Key = DefaultKey, MaxItems = DefaultMaxItems };

    public required bool Enabled { get; init; }
    public required string Schedule { get; init; }
    /// <summary>Base URL of the model server, e.g. <c>http://sentinel-model-server.sentinel.svc</c>; null only when disabled.</summary>
    public string? ModelServerUrl { get; init; }
    /// <summary>The ConfigMap holding the golden set; null only when disabled.</summary>
    public string? ConfigMapName { get; init; }
    /// <summary>The key of the ConfigMap holding the golden set (<c>.jsonl</c> or <c>.parquet</c>).</summary>
    public required string Key { get; init; }
    public required int MaxItems { get; init; }
}

/// <summary><c>spec.retraining.mode</c>: act on the retrain decisions, only record what would be done, or decide nothing.</summary>
public enum RetrainingMode
{
    Auto,
    Observe,
    Off,
}
