using System.Globalization;

namespace Sentinel.Core.Specs;

/// <summary>
/// Defaults that apply to every specialist unless its spec says otherwise. Built from the seed's
/// environment variables (<see cref="FromEnvironment"/>); the names and defaults are the seed's.
/// </summary>
public sealed record SeedDefaults
{
    public Thresholds Thresholds { get; init; } = Thresholds.Default;
    public Weights Weights { get; init; } = Weights.Default;
    public int FeedbackWindowDays { get; init; } = 30;
    public string Schedule { get; init; } = "0 */6 * * *";
    public string ChampionAlias { get; init; } = "champion";
    public int CooldownHours { get; init; } = 24;
    public string LlmProvider { get; init; } = "offline";
    public string LlmModel { get; init; } = "llama2";
    public string? LlmBaseUrl { get; init; }
    public int DatasetSamples { get; init; } = 1000;
    public double LlmTemperature { get; init; } = 0.7;
    public int DatasetTimeoutSeconds { get; init; } = 1800;
    /// <summary><c>DATASET_GENERATION_POLICY</c>: <c>IfNoTrainingSet</c> or <c>Always</c>.</summary>
    public string DatasetGenerationPolicy { get; init; } = nameof(GenerationPolicy.IfNoTrainingSet);
    /// <summary><c>MAX_SYNTHETIC_SHARE</c>: the largest generated share of a training set with enough real rows.</summary>
    public double MaxSyntheticShare { get; init; } = Datasets.SyntheticCapPolicy.DefaultMaxShare;
    public int FeedbackSamples { get; init; } = 1000;
    public int TrainingTimeoutSeconds { get; init; } = 3600;
    public IReadOnlyList<string> NotificationChannels { get; init; } = ["console"];
    public string SlackChannel { get; init; } = "#ml-alerts";
    public IReadOnlyList<string> EmailRecipients { get; init; } = [];

    public static SeedDefaults Builtin { get; } = new();

    /// <summary>The environment variables read here, in the order the README documents them.</summary>
    public static IReadOnlyList<string> VariableNames { get; } =
    [
        "PRECISION_THRESHOLD", "RECALL_THRESHOLD", "F1_THRESHOLD", "FEEDBACK_AVG_THRESHOLD", "AGGREGATE_SCORE_THRESHOLD",
        "FEEDBACK_WINDOW_DAYS", "RETRAINING_COOLDOWN_HOURS", "LLM_PROVIDER", "LLM_MODEL", "LLM_BASE_URL",
        "LLM_TEMPERATURE", "DATASET_NUM_SAMPLES", "DATASET_GENERATION_TIMEOUT", "DATASET_GENERATION_POLICY", "MAX_SYNTHETIC_SHARE", "FEEDBACK_SAMPLES",
        "TRAINING_TIMEOUT", "NOTIFICATION_CHANNELS", "SLACK_CHANNEL", "EMAIL_RECIPIENTS",
    ];

    /// <summary>
    /// Reads the seed's variables through <paramref name="get"/> (null or empty = unset). Every malformed
    /// value is reported, by variable name, in the thrown <see cref="SpecValidationException"/>.
    /// </summary>
    public static SeedDefaults FromEnvironment(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var errors = new List<SpecError>();
        var b = Builtin;

        double Unit(string name, double fallback) =>
            Read(name, fallback, errors, get, v => v is >= 0 and <= 1, "a number in [0, 1], e.g. 0.75");
        int Positive(string name, int fallback) =>
            Read(name, fallback, errors, get, v => v > 0, "a whole number greater than 0");

        var thresholds = new Thresholds(
            Unit("PRECISION_THRESHOLD", b.Thresholds.Precision),
            Unit("RECALL_THRESHOLD", b.Thresholds.Recall),
            Unit("F1_THRESHOLD", b.Thresholds.F1),
            Unit("FEEDBACK_AVG_THRESHOLD", b.Thresholds.FeedbackAverage),
            Unit("AGGREGATE_SCORE_THRESHOLD", b.Thresholds.AggregateScore));

        var provider = Text(get, "LLM_PROVIDER") ?? b.LlmProvider;
        if (!SpecResolver.Providers.Contains(provider))
            errors.Add(new("LLM_PROVIDER", $"'{provider}' is not a provider; use one of {string.Join(", ", SpecResolver.Providers)}"));

        var policy = Text(get, "DATASET_GENERATION_POLICY") ?? b.DatasetGenerationPolicy;
        if (!Enum.TryParse<GenerationPolicy>(policy, ignoreCase: false, out _) || int.TryParse(policy, out _))
            errors.Add(new("DATASET_GENERATION_POLICY", $"'{policy}' is not a policy; use IfNoTrainingSet (generate for a first model only) or Always"));

        var channels = List(get, "NOTIFICATION_CHANNELS") ?? b.NotificationChannels;
        foreach (var c in channels.Where(c => !SpecResolver.Channels.Contains(c)))
            errors.Add(new("NOTIFICATION_CHANNELS", $"'{c}' is not a channel; use a comma-separated list of {string.Join(", ", SpecResolver.Channels)}"));

        var result = b with
        {
            Thresholds = thresholds,
            FeedbackWindowDays = Positive("FEEDBACK_WINDOW_DAYS", b.FeedbackWindowDays),
            CooldownHours = Read("RETRAINING_COOLDOWN_HOURS", b.CooldownHours, errors, get, v => v >= 0, "a whole number of hours, 0 or more"),
            LlmProvider = provider,
            LlmModel = Text(get, "LLM_MODEL") ?? b.LlmModel,
            LlmBaseUrl = Text(get, "LLM_BASE_URL") ?? b.LlmBaseUrl,
            LlmTemperature = Read("LLM_TEMPERATURE", b.LlmTemperature, errors, get, v => v is >= 0 and <= 2, "a number in [0, 2], e.g. 0.7"),
            DatasetSamples = Positive("DATASET_NUM_SAMPLES", b.DatasetSamples),
            DatasetTimeoutSeconds = Positive("DATASET_GENERATION_TIMEOUT", b.DatasetTimeoutSeconds),
            DatasetGenerationPolicy = policy,
            MaxSyntheticShare = Unit("MAX_SYNTHETIC_SHARE", b.MaxSyntheticShare),
            FeedbackSamples = Read("FEEDBACK_SAMPLES", b.FeedbackSamples, errors, get, v => v >= 0, "a whole number, 0 or more"),
            TrainingTimeoutSeconds = Positive("TRAINING_TIMEOUT", b.TrainingTimeoutSeconds),
            NotificationChannels = channels,
            SlackChannel = Text(get, "SLACK_CHANNEL") ?? b.SlackChannel,
            EmailRecipients = List(get, "EMAIL_RECIPIENTS") ?? b.EmailRecipients,
        };

        if (errors.Count > 0) throw new SpecValidationException("environment", errors);
        return result;
    }

    private static string? Text(Func<string, string?> get, string name)
    {
        var v = get(name);
        return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
    }

    private static string[]? List(Func<string, string?> get, string name) =>
        Text(get, name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static T Read<T>(string name, T fallback, List<SpecError> errors, Func<string, string?> get, Func<T, bool> valid, string expected)
        where T : struct, IParsable<T>
    {
        var raw = Text(get, name);
        if (raw is null) return fallback;
        if (T.TryParse(raw, CultureInfo.InvariantCulture, out var value) && valid(value)) return value;
        errors.Add(new(name, $"'{raw}' is not valid; set it to {expected}, or unset it for the default {Convert.ToString(fallback, CultureInfo.InvariantCulture)}"));
        return fallback;
    }
}
