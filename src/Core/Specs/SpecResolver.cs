using System.Globalization;
using System.Text.RegularExpressions;

namespace Sentinel.Core.Specs;

/// <summary>
/// Validates a <see cref="SpecialistModelDocument"/> and applies defaults: the spec wins, then the
/// environment (<see cref="SeedDefaults"/>), then Sentinel's built-in values.
/// </summary>
public static partial class SpecResolver
{
    public static IReadOnlySet<string> Providers { get; } = new HashSet<string>(StringComparer.Ordinal) { "offline", "local", "openai", "anthropic" };
    public static IReadOnlySet<string> Channels { get; } = new HashSet<string>(StringComparer.Ordinal) { "console", "slack", "email" };

    /// <summary>Resolves <paramref name="document"/>; throws <see cref="SpecValidationException"/> naming every bad field.</summary>
    public static ResolvedSpecialist Resolve(SpecialistModelDocument document, SeedDefaults defaults, string source = "spec")
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(defaults);
        var errors = new List<SpecError>();

        if (document.ApiVersion is not null && document.ApiVersion != SpecialistModelDocument.ApiVersionValue)
            errors.Add(new("apiVersion", $"'{document.ApiVersion}' is not supported; use {SpecialistModelDocument.ApiVersionValue}"));
        if (document.Kind is not null && document.Kind != SpecialistModelDocument.KindValue)
            errors.Add(new("kind", $"'{document.Kind}' is not a {SpecialistModelDocument.KindValue}"));

        var name = document.Metadata?.Name;
        if (string.IsNullOrWhiteSpace(name))
            errors.Add(new("metadata.name", "is required; give the specialist a name such as 'technical'"));
        else if (!DnsLabel().IsMatch(name))
            errors.Add(new("metadata.name", $"'{name}' must be a DNS label: lower-case letters, digits and '-', at most 63 characters"));

        var spec = document.Spec ?? new SpecialistModelSpec();
        var type = spec.SpecialistType ?? name ?? "";
        if (spec.SpecialistType is not null && !DnsLabel().IsMatch(spec.SpecialistType))
            errors.Add(new("spec.specialistType", $"'{spec.SpecialistType}' must be lower-case letters, digits and '-', at most 63 characters"));

        var t = spec.Thresholds;
        var d = defaults.Thresholds;
        var thresholds = new Thresholds(
            Unit(errors, "spec.thresholds.precision", t?.Precision) ?? d.Precision,
            Unit(errors, "spec.thresholds.recall", t?.Recall) ?? d.Recall,
            Unit(errors, "spec.thresholds.f1", t?.F1) ?? d.F1,
            Unit(errors, "spec.thresholds.feedbackAverage", t?.FeedbackAverage) ?? d.FeedbackAverage,
            Unit(errors, "spec.thresholds.aggregateScore", t?.AggregateScore) ?? d.AggregateScore)
        {
            MinFeedbackRecords = Positive(errors, "spec.thresholds.minFeedbackRecords", t?.MinFeedbackRecords) ?? d.MinFeedbackRecords,
        };
        var versionScope = VersionScopes.Parse(spec.VersionScope);
        if (versionScope is null)
            errors.Add(new("spec.versionScope", $"'{spec.VersionScope}' is not a version scope; use '{VersionScopes.Champion}' (the champion's version only) or '{VersionScopes.All}'"));

        var labels = spec.Labels?.ToArray() ?? [];
        if (labels.Any(string.IsNullOrWhiteSpace))
            errors.Add(new("spec.labels", "labels must not be empty strings"));
        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Length)
            errors.Add(new("spec.labels", "labels must be unique"));
        var examples = new List<(string, string)>();
        for (var i = 0; i < (spec.Examples?.Count ?? 0); i++)
        {
            var e = spec.Examples![i];
            if (string.IsNullOrWhiteSpace(e.Text))
                errors.Add(new($"spec.examples[{i}].text", "is required"));
            else if (e.Label is null || !labels.Contains(e.Label, StringComparer.Ordinal))
                errors.Add(new($"spec.examples[{i}].label", $"'{e.Label}' is not one of spec.labels ({string.Join(", ", labels)})"));
            else
                examples.Add((e.Text, e.Label));
        }

        var weights = ResolveWeights(errors, spec.Weights, defaults.Weights);

        var windowDays = Positive(errors, "spec.feedbackWindowDays", spec.FeedbackWindowDays) ?? defaults.FeedbackWindowDays;
        var schedule = spec.Schedule ?? defaults.Schedule;
        if (CronSchedule.Validate(schedule) is { } cronError)
            errors.Add(new("spec.schedule", $"'{schedule}' is not a valid cron schedule ({cronError}); use five fields such as '0 */6 * * *'"));

        var onlineSchedule = spec.OnlineQuality?.Schedule;
        if (onlineSchedule is not null && CronSchedule.Validate(onlineSchedule) is { } onlineCronError)
            errors.Add(new($"{OnlineQualityPath}.schedule",
                $"'{onlineSchedule}' is not a valid cron schedule ({onlineCronError}); use five fields such as '*/30 * * * *', or remove the field to compute the online signals only with the monitor"));

        var alias = spec.Mlflow?.ChampionAlias ?? defaults.ChampionAlias;
        if (ReservedAlias().IsMatch(alias))
            errors.Add(new("spec.mlflow.championAlias", $"'{alias}' is reserved by MLflow ('latest' and 'v<number>'); use a name such as 'champion'"));

        var retraining = ResolveRetraining(errors, spec.Retraining ?? new RetrainingSpec(), defaults);
        var notifications = ResolveNotifications(errors, spec.Notifications ?? new NotificationsSpec(), defaults);
        var golden = ResolveGoldenEvaluation(errors, spec.GoldenEvaluation);
        var onlineQuality = ResolveOnlineQuality(errors, spec.OnlineQuality, labels);
        var jobResources = ResolveJobResources(errors, spec.JobResources);

        if (errors.Count > 0) throw new SpecValidationException(source, errors);

        return new ResolvedSpecialist
        {
            Name = name!,
            Namespace = document.Metadata?.Namespace,
            SpecialistType = type,
            Labels = labels,
            Examples = examples,
            Experiment = spec.Mlflow?.Experiment ?? $"{type}-specialist",
            RegisteredModel = spec.Mlflow?.RegisteredModel ?? $"{type}-specialist",
            ChampionAlias = alias,
            Thresholds = thresholds,
            Weights = weights,
            FeedbackWindow = TimeSpan.FromDays(windowDays),
            VersionScope = versionScope ?? VersionScope.Champion,
            Schedule = schedule,
            Suspend = spec.Suspend ?? false,
            OnlineSchedule = onlineSchedule,
            Retraining = retraining,
            Notifications = notifications,
            GoldenEvaluation = golden,
            OnlineQuality = onlineQuality,
            JobResources = jobResources,
        };
    }

    /// <summary>A specialist declared only by its type, with every default: what <c>--specialist-type X</c> means without a spec file.</summary>
    public static ResolvedSpecialist ForType(string specialistType, SeedDefaults defaults) =>
        Resolve(new SpecialistModelDocument { Metadata = new() { Name = specialistType } }, defaults, $"--specialist-type {specialistType}");

    private static Weights ResolveWeights(List<SpecError> errors, WeightsSpec? w, Weights fallback)
    {
        if (w is null) return fallback;
        var mlflow = Unit(errors, "spec.weights.mlflow", w.Mlflow);
        var feedback = Unit(errors, "spec.weights.feedback", w.Feedback);
        var resolved = (mlflow, feedback) switch
        {
            (null, null) => fallback,
            ({ } m, null) => new Weights(m, 1 - m),
            (null, { } f) => new Weights(1 - f, f),
            ({ } m, { } f) => new Weights(m, f),
        };
        if (Math.Abs(resolved.Mlflow + resolved.Feedback - 1) > 1e-9)
            errors.Add(new("spec.weights", string.Create(CultureInfo.InvariantCulture,
                $"mlflow ({resolved.Mlflow}) + feedback ({resolved.Feedback}) must sum to 1, e.g. mlflow 0.7 and feedback 0.3")));
        return resolved;
    }

    private static ResolvedRetraining ResolveRetraining(List<SpecError> errors, RetrainingSpec r, SeedDefaults d)
    {
        var g = r.DatasetGeneration ?? new DatasetGenerationSpec();
        var provider = g.Provider ?? d.LlmProvider;
        if (!Providers.Contains(provider))
            errors.Add(new("spec.retraining.datasetGeneration.provider", $"'{provider}' is not a provider; use one of {string.Join(", ", Providers)}"));
        var temperature = g.Temperature ?? d.LlmTemperature;
        if (temperature is < 0 or > 2)
            errors.Add(new("spec.retraining.datasetGeneration.temperature", string.Create(CultureInfo.InvariantCulture, $"{temperature} is outside [0, 2]; use e.g. 0.7")));
        if (r.CooldownHours is < 0)
            errors.Add(new("spec.retraining.cooldownHours", "must be 0 or more hours"));
        if (r.FeedbackSamples is < 0)
            errors.Add(new("spec.retraining.feedbackSamples", "must be 0 or more"));
        var policy = g.Policy switch
        {
            null => Enum.Parse<GenerationPolicy>(d.DatasetGenerationPolicy),
            nameof(GenerationPolicy.IfNoTrainingSet) => GenerationPolicy.IfNoTrainingSet,
            nameof(GenerationPolicy.Always) => GenerationPolicy.Always,
            var other => Invalid(errors, "spec.retraining.datasetGeneration.policy", $"'{other}' is not a policy; use IfNoTrainingSet (generate for a first model only) or Always"),
        };
        var maxShare = Unit(errors, "spec.retraining.datasetGeneration.maxSyntheticShare", g.MaxSyntheticShare) ?? d.MaxSyntheticShare;
        if (g.CapFromRealRows is < 0)
            errors.Add(new("spec.retraining.datasetGeneration.capFromRealRows", "must be 0 or more rows, e.g. 100"));
        var promotion = r.Promotion ?? new PromotionSpec();
        if (!string.IsNullOrWhiteSpace(promotion.GoldenSet) && GoldenSetUri.Problem(promotion.GoldenSet.Trim()) is { } goldenProblem)
            errors.Add(new("spec.retraining.promotion.goldenSet", goldenProblem));
        var minAbs = Unit(errors, "spec.retraining.promotion.minAbsoluteImprovement", promotion.MinAbsoluteImprovement) ?? 0;
        var minRel = Unit(errors, "spec.retraining.promotion.minRelativeImprovement", promotion.MinRelativeImprovement) ?? 0;
        if (promotion.SignificanceLevel is { } alpha && alpha is not (> 0 and <= 0.5))
            errors.Add(new("spec.retraining.promotion.significanceLevel", string.Create(CultureInfo.InvariantCulture, $"{alpha} is outside (0, 0.5]; use e.g. 0.05")));

        var mode = ResolveRetrainingMode(errors, r);
        return new ResolvedRetraining
        {
            Enabled = mode != RetrainingMode.Off,
            Mode = mode,
            Cooldown = TimeSpan.FromHours(r.CooldownHours ?? d.CooldownHours),
            DatasetGeneration = new ResolvedDatasetGeneration
            {
                Provider = provider,
                Model = g.Model ?? d.LlmModel,
                BaseUrl = g.BaseUrl ?? d.LlmBaseUrl,
                Samples = Positive(errors, "spec.retraining.datasetGeneration.samples", g.Samples) ?? d.DatasetSamples,
                Temperature = temperature,
                Timeout = TimeSpan.FromSeconds(Positive(errors, "spec.retraining.datasetGeneration.timeoutSeconds", g.TimeoutSeconds) ?? d.DatasetTimeoutSeconds),
                ApiKeySecretRef = g.ApiKeySecretRef,
                Policy = policy,
                SyntheticCap = new Datasets.SyntheticCapPolicy(maxShare, Math.Max(0, g.CapFromRealRows ?? Datasets.SyntheticCapPolicy.DefaultFromRealRows)),
                Budget = ResolveBudget(errors, g.Budget),
            },
            FeedbackSamples = r.FeedbackSamples ?? d.FeedbackSamples,
            TrainingTimeout = TimeSpan.FromSeconds(Positive(errors, "spec.retraining.trainingTimeoutSeconds", r.TrainingTimeoutSeconds) ?? d.TrainingTimeoutSeconds),
            MinAbsoluteImprovement = minAbs,
            MinRelativeImprovement = minRel,
            SignificanceLevel = promotion.SignificanceLevel ?? ResolvedRetraining.DefaultSignificanceLevel,
            TransitionStage = promotion.TransitionStage ?? false,
            GoldenSet = string.IsNullOrWhiteSpace(promotion.GoldenSet) ? null : promotion.GoldenSet.Trim(),
            Rollout = ResolveRollout(errors, promotion),
        };
    }

    private static RetrainingMode ResolveRetrainingMode(List<SpecError> errors, RetrainingSpec r)
    {
        RetrainingMode? mode = r.Mode switch
        {
            null => null,
            "auto" => RetrainingMode.Auto,
            "observe" => RetrainingMode.Observe,
            "off" => RetrainingMode.Off,
            _ => null,
        };
        if (r.Mode is not null && mode is null)
        {
            errors.Add(new("spec.retraining.mode", $"'{r.Mode}' is not a mode; use auto (retrain), observe (record what would be done, change nothing) or off"));
            return RetrainingMode.Off;
        }
        // enabled: true is the schema's default, so only an explicit false can contradict a mode.
        if (mode is { } given && given != RetrainingMode.Off && r.Enabled == false)
        {
            errors.Add(new("spec.retraining.mode", $"'{r.Mode}' contradicts spec.retraining.enabled: false; remove spec.retraining.enabled (mode says it all), or use mode off"));
            return RetrainingMode.Off;
        }
        return mode ?? (r.Enabled == false ? RetrainingMode.Off : RetrainingMode.Auto);
    }

    private static ResolvedNotifications ResolveNotifications(List<SpecError> errors, NotificationsSpec n, SeedDefaults d)
    {
        var channels = n.Channels?.ToArray() ?? [.. d.NotificationChannels];
        foreach (var c in channels.Where(c => !Channels.Contains(c)))
            errors.Add(new("spec.notifications.channels", $"'{c}' is not a channel; use any of {string.Join(", ", Channels)}"));
        return new ResolvedNotifications
        {
            Channels = channels,
            SlackChannel = n.Slack?.Channel ?? d.SlackChannel,
            SlackWebhookSecretRef = n.Slack?.WebhookSecretRef,
            EmailRecipients = n.Email?.Recipients?.ToArray() ?? [.. d.EmailRecipients],
            SmtpSecretRef = n.Email?.SmtpSecretRef,
            Reminders = ResolveReminders(errors, n.Reminders),
        };
    }

    private static GenerationPolicy Invalid(List<SpecError> errors, string field, string message)
    {
        errors.Add(new(field, message));
        return GenerationPolicy.IfNoTrainingSet;
    }

    private static double? Unit(List<SpecError> errors, string field, double? value)
    {
        if (value is null) return null;
        if (double.IsFinite(value.Value) && value.Value is >= 0 and <= 1) return value;
        errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"{value} is outside [0, 1]; use a fraction such as 0.75")));
        return null;
    }

    private static int? Positive(List<SpecError> errors, string field, int? value)
    {
        if (value is null or > 0) return value;
        errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"{value} must be greater than 0")));
        return null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(latest|v[0-9]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReservedAlias();
}
