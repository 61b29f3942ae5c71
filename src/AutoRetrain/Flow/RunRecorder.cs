using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Datasets;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// Step 4: the retrain's run in the specialist's experiment: tags (trigger, dataset provenance), params, the
/// challenger's metrics (<c>precision</c>, <c>recall</c>, <c>f1_score</c>, <c>accuracy</c> macro, and per class),
/// artifacts (the MLflow model <c>model/</c> of <see cref="ModelDirectoryFiles"/>, <c>dataset/statistics.json</c>) and a registered
/// model version; at the end the outcome, and FINISHED or FAILED.
/// </summary>
public sealed partial class RunRecorder(ITrackingStore store, IOptions<TrainingOptions> training, TimeProvider time, ILogger<RunRecorder> logger)
{
    public const string ModelDirectory = "model";
    public const string StatisticsPath = "dataset/statistics.json";

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    public async Task<TrackedRun> StartAsync(
        ResolvedSpecialist specialist, RetrainDecision decision, PreparedDataset dataset, MergedDataset merged, string? parentRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(merged);
        var now = time.GetUtcNow();
        var experiment = await store.GetOrCreateExperimentAsync(specialist.Experiment, cancellationToken);
        var tags = new Dictionary<string, string>(RunTags(specialist, decision), StringComparer.Ordinal)
        {
            [RetrainTags.TriggerReason] = Truncate(decision.Reason),
            [RetrainTags.OnlineTriggers] = Truncate(decision.Online?.ToString() ?? "not evaluated"),
            [RetrainTags.DatasetProvider] = dataset.Provider,
            [RetrainTags.DatasetModel] = dataset.Model,
            [RetrainTags.DatasetPromptHash] = dataset.PromptHash ?? "none",
            [RetrainTags.DatasetSyntheticRows] = Invariant(merged.SyntheticRows),
            [RetrainTags.DatasetFeedbackRows] = Invariant(merged.FeedbackRows),
            [RetrainTags.DatasetPreviousRows] = Invariant(merged.PreviousRows),
        };
        if (parentRunId is not null) tags[RetrainTags.DatasetParentRun] = parentRunId;
        if (dataset.Usage is { } usage) LlmTags(usage, tags);
        var runName = $"retrain-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        var run = await store.CreateRunAsync(experiment, runName, tags, now, cancellationToken);
        LogRunCreated(logger, specialist.SpecialistType, run.RunId, specialist.Experiment);
        // What generation spent goes with the run at once: the 30-day budget of the next retrains sums it.
        if (dataset.Usage is { } spent)
            await store.LogBatchAsync(run.RunId, LlmMetrics(spent, now), new Dictionary<string, string>(), new Dictionary<string, string>(), cancellationToken);
        return run;
    }

    public async Task LogTrainingAsync(
        TrackedRun run, ResolvedSpecialist specialist, PreparedDataset dataset, MergedDataset merged, EvaluationSplitResult split, TrainedClassifier trained,
        ClassificationReport challenger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(challenger);
        var o = training.Value;
        var generation = specialist.Retraining.DatasetGeneration;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["specialist_type"] = specialist.SpecialistType,
            ["labels"] = string.Join(",", specialist.Labels),
            ["trainer"] = "SdcaMaximumEntropy",
            ["ngram_length"] = Invariant(o.NgramLength),
            ["seed"] = Invariant(o.Seed),
            ["evaluation_fraction"] = o.EvaluationFraction.ToString(CultureInfo.InvariantCulture),
            ["near_duplicate_threshold"] = o.NearDuplicateThreshold.ToString(CultureInfo.InvariantCulture),
            ["significance_level"] = specialist.Retraining.SignificanceLevel.ToString(CultureInfo.InvariantCulture),
            ["dataset_provider"] = dataset.Provider,
            ["dataset_model"] = dataset.Model,
            ["dataset_generation_policy"] = generation.Policy.ToString(),
            ["max_synthetic_share"] = generation.SyntheticCap.MaxShare.ToString(CultureInfo.InvariantCulture),
            ["feedback_samples"] = Invariant(specialist.Retraining.FeedbackSamples),
            ["training_rows"] = Invariant(trained.TrainingRows),
            ["evaluation_rows"] = Invariant(trained.EvaluationSet.Count),
            ["min_absolute_improvement"] = specialist.Retraining.MinAbsoluteImprovement.ToString(CultureInfo.InvariantCulture),
            ["min_relative_improvement"] = specialist.Retraining.MinRelativeImprovement.ToString(CultureInfo.InvariantCulture),
        };
        // Generation settings describe this run only when it generated: a reused or absent dataset asked nothing of a provider.
        if (dataset.Requested is { } requested)
        {
            parameters["dataset_samples_requested"] = Invariant(requested);
            parameters["llm_temperature"] = generation.Temperature.ToString(CultureInfo.InvariantCulture);
        }
        if (dataset.Reused) parameters["dataset_reused"] = "true";
        var now = time.GetUtcNow();
        var metrics = MetricPoints(challenger, "", now);
        metrics.AddRange(
        [
            new("split_groups", split.Groups, now),
            new("split_near_duplicate_rows", split.NearDuplicateRows, now),
            new("split_comparison_rows", split.Comparison.Count, now),
            new("split_excluded_near_champion_training", split.ExcludedNearChampionTraining, now),
            new("split_moved_to_training", split.MovedToTraining, now),
        ]);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RetrainTags.ChampionTrainingKnown] = split.ChampionTrainingKnown ? "true" : "false",
        };
        await store.LogBatchAsync(run.RunId, metrics, parameters, tags, cancellationToken);

        await ModelDirectoryFiles.UploadAsync(store, run, ModelDirectory, trained, now, cancellationToken);
        await UploadAsync(run, StatisticsPath, Statistics(dataset, merged, trained), cancellationToken);
        await DatasetArtifacts.UploadAsync(store, run, DatasetArtifacts.TrainingPath, trained.TrainingSet, cancellationToken);
        await DatasetArtifacts.UploadAsync(store, run, DatasetArtifacts.EvaluationPath, trained.EvaluationSet, cancellationToken);
        // Rows generated by this run are kept with it: a retrain Job in a cluster has no volume to find them in later.
        if (dataset.Requested is not null && dataset.Path is { } generatedFile && File.Exists(generatedFile))
        {
            await using (var generated = File.OpenRead(generatedFile))
                await store.UploadArtifactAsync(run, DatasetStep.GeneratedPath, generated, cancellationToken);
            await store.LogBatchAsync(run.RunId, [], new Dictionary<string, string>(), new Dictionary<string, string> { [RetrainTags.DatasetGenerated] = "true" }, cancellationToken);
        }
        var lineage = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["previous_rows"] = merged.PreviousRows, ["new_feedback_rows"] = merged.FeedbackRows, ["generated_rows"] = merged.SyntheticRows,
        };
        try
        {
            await store.LogInputsAsync(run.RunId,
            [
                DatasetArtifacts.Input(run, specialist.SpecialistType, "training", DatasetArtifacts.TrainingPath, trained.TrainingSet, lineage),
                DatasetArtifacts.Input(run, specialist.SpecialistType, "evaluation", DatasetArtifacts.EvaluationPath, trained.EvaluationSet),
            ], cancellationToken);
        }
        catch (TrackingException e) when (e.ErrorCode == "ENDPOINT_NOT_FOUND")
        {
            // MLflow before 2.4 has no dataset inputs; the dataset artifacts above are the record.
            LogInputsUnsupported(logger, run.RunId, e.Message);
        }
    }

    public async Task<ModelVersionInfo> RegisterAsync(ResolvedSpecialist specialist, TrackedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var version = await store.RegisterModelVersionAsync(specialist.RegisteredModel, run, ModelDirectory, cancellationToken);
        LogRegistered(logger, specialist.SpecialistType, specialist.RegisteredModel, version.Version, run.RunId);
        return version;
    }

    /// <summary>
    /// Logs each comparison as <c>compare_{set}_{challenger_f1|champion_f1|delta|delta_low|delta_high|p_value|p_value_worse|rows}</c>
    /// (set: evaluation, recent-feedback, golden).
    /// </summary>
    public Task LogComparisonsAsync(TrackedRun run, IReadOnlyList<SetComparison> comparisons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(comparisons);
        var now = time.GetUtcNow();
        var points = comparisons.SelectMany(c =>
        {
            var key = $"compare_{MetricKeyPart(c.Set)}_";
            return new MetricPoint[]
            {
                new(key + "challenger_f1", c.ChallengerF1, now), new(key + "champion_f1", c.ChampionF1, now), new(key + "delta", c.Delta, now),
                new(key + "delta_low", c.Paired.DeltaLow, now), new(key + "delta_high", c.Paired.DeltaHigh, now),
                new(key + "p_value", c.Paired.PValueBetter, now), new(key + "p_value_worse", c.Paired.PValueWorse, now), new(key + "rows", c.Rows, now),
            };
        }).ToList();
        return store.LogBatchAsync(run.RunId, points, new Dictionary<string, string>(), new Dictionary<string, string>(), cancellationToken);
    }

    /// <summary>Logs a model's metrics under <paramref name="prefix"/> (e.g. <c>champion_</c>, <c>golden_</c>).</summary>
    public Task LogMetricsAsync(TrackedRun run, ClassificationReport report, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return store.LogBatchAsync(run.RunId, MetricPoints(report, prefix, time.GetUtcNow()), new Dictionary<string, string>(), new Dictionary<string, string>(), cancellationToken);
    }

    /// <summary>Tags the outcome (after the registry moved, so it never claims a promotion that did not happen) and ends the run FINISHED.</summary>
    public async Task FinishAsync(TrackedRun run, PromotionDecision promotion, CancellationToken cancellationToken, string? challengerMode = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(promotion);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RetrainTags.Outcome] = !promotion.Promote ? "not_promoted" : challengerMode is null ? "promoted" : RetrainOutcomes.Challenger,
            [RetrainTags.PromotionReason] = Truncate(promotion.Reason),
            [RetrainTags.Forced] = promotion.Forced ? "true" : "false",
        };
        if (challengerMode is not null) tags[RetrainTags.RolloutMode] = challengerMode;
        await store.LogBatchAsync(run.RunId, [], new Dictionary<string, string>(), tags, cancellationToken);
        await store.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Tags the registered version with the retrain's outcome (<c>promoted</c>, <c>not_promoted</c>, or <c>abandoned</c> when
    /// the retrain failed after registering it) and the reason, so the registry tells what became of every version.
    /// Best effort: the run's tags are the record; a version tag that cannot be written is logged.
    /// </summary>
    public async Task TagVersionAsync(ResolvedSpecialist specialist, string version, string outcome, string reason)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        try
        {
            await store.SetModelVersionTagAsync(specialist.RegisteredModel, version, RetrainTags.Outcome, outcome, CancellationToken.None);
            await store.SetModelVersionTagAsync(specialist.RegisteredModel, version, RetrainTags.PromotionReason, Truncate(reason), CancellationToken.None);
        }
        catch (Exception e) when (e is Core.Errors.DependencyUnavailableException or TrackingException)
        {
            LogVersionNotTagged(logger, specialist.RegisteredModel, version, outcome, e.Message);
        }
    }

    /// <summary>
    /// Marks the run FAILED (KILLED when cancelled) with the failed step; <paramref name="promoted"/> keeps the outcome tag
    /// <c>promoted</c> when the registry already moved. Returns whether it was marked; a store that refuses is logged, not thrown.
    /// </summary>
    public async Task<bool> FailAsync(TrackedRun run, string step, bool cancelled, bool promoted = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [RetrainTags.Outcome] = promoted ? "promoted" : "failed", [RetrainTags.FailedStep] = step };
        try
        {
            await store.LogBatchAsync(run.RunId, [], new Dictionary<string, string>(), tags, CancellationToken.None);
            await store.FinishRunAsync(run.RunId, cancelled ? TrackedRunStatus.Killed : TrackedRunStatus.Failed, time.GetUtcNow(), CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is Core.Errors.DependencyUnavailableException or TrackingException)
        {
            LogNotMarkedFailed(logger, run.RunId, e.Message);
            return false;
        }
    }

    /// <summary>What marks a run as this specialist's retrain (the cooldown and the 30-day spend search by them).</summary>
    private static Dictionary<string, string> RunTags(ResolvedSpecialist specialist, RetrainDecision decision) => new(StringComparer.Ordinal)
    {
        [RetrainTags.Source] = RetrainTags.SourceValue,
        [RetrainTags.Specialist] = specialist.SpecialistType,
        [RetrainTags.Trigger] = decision.Trigger is { } trigger ? RetrainPolicy.Name(trigger) : "unknown",
    };

    /// <summary>
    /// A retrain that failed before its run was created (at merge, split or the run's creation itself) after its generation
    /// spent tokens: a FAILED run holding only what generation spent, so the 30-day budget of the next retrains counts it.
    /// Returns null when it was recorded, else why not (the tracking store is down too) — a warning for the summary.
    /// </summary>
    public async Task<string?> RecordSpendAsync(ResolvedSpecialist specialist, RetrainDecision decision, LlmUsage usage, string step)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(usage);
        var now = time.GetUtcNow();
        var tags = new Dictionary<string, string>(RunTags(specialist, decision), StringComparer.Ordinal)
        {
            [RetrainTags.Outcome] = "failed",
            [RetrainTags.FailedStep] = step,
        };
        LlmTags(usage, tags);
        try
        {
            var experiment = await store.GetOrCreateExperimentAsync(specialist.Experiment, CancellationToken.None);
            var runName = $"retrain-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-spend";
            var run = await store.CreateRunAsync(experiment, runName, tags, now, CancellationToken.None);
            await store.LogBatchAsync(run.RunId, LlmMetrics(usage, now), new Dictionary<string, string>(), new Dictionary<string, string>(), CancellationToken.None);
            await store.FinishRunAsync(run.RunId, TrackedRunStatus.Failed, now, CancellationToken.None);
            LogSpendRecorded(logger, specialist.SpecialistType, run.RunId, usage.Calls);
            return null;
        }
        catch (Exception e) when (e is Core.Errors.DependencyUnavailableException or TrackingException)
        {
            var warning = $"what generation spent ({usage.Describe()}) could not be recorded in the tracking store ({e.Message}), " +
                "so the 30-day budget of the next retrains does not count it";
            LogSpendNotRecorded(logger, specialist.SpecialistType, warning);
            return warning;
        }
    }

    private async Task UploadAsync(TrackedRun run, string path, byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        await store.UploadArtifactAsync(run, path, stream, cancellationToken);
    }

    internal static List<MetricPoint> MetricPoints(ClassificationReport report, string prefix, DateTimeOffset now)
    {
        var points = new List<MetricPoint>
        {
            new(prefix + "precision", report.MacroPrecision, now),
            new(prefix + "recall", report.MacroRecall, now),
            new(prefix + "f1_score", report.MacroF1, now),
            new(prefix + "accuracy", report.Accuracy, now),
        };
        foreach (var c in report.PerClass)
        {
            var label = MetricKeyPart(c.Label);
            points.Add(new($"{prefix}precision_{label}", c.Precision, now));
            points.Add(new($"{prefix}recall_{label}", c.Recall, now));
            points.Add(new($"{prefix}f1_score_{label}", c.F1, now));
        }
        return points;
    }

    /// <summary>MLflow metric keys allow letters, digits, <c>_ - . /</c> and spaces; anything else becomes <c>_</c>.</summary>
    internal static string MetricKeyPart(string label) =>
        new([.. label.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.' ? ch : '_')]);

    private static byte[] Statistics(PreparedDataset dataset, MergedDataset merged, TrainedClassifier trained)
    {
        var summary = DatasetSummary.Of(merged.Rows);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            rows = summary.Rows,
            label_counts = summary.LabelCounts,
            source_counts = summary.SourceCounts,
            training_rows = trained.TrainingRows,
            evaluation_rows = trained.EvaluationSet.Count,
            dataset = new { path = dataset.Path, provider = dataset.Provider, model = dataset.Model, prompt_hash = dataset.PromptHash },
            feedback = new
            {
                considered = merged.FeedbackConsidered,
                used = merged.FeedbackRows,
                skipped_rating_only = merged.SkippedRatingOnly,
                skipped_without_text = merged.SkippedWithoutText,
                skipped_unknown_label = merged.SkippedUnknownLabel,
                skipped_duplicate = merged.SkippedDuplicateFeedback,
                replaced_synthetic_rows = merged.ReplacedSyntheticRows,
                already_known = merged.FeedbackAlreadyKnown,
                relabelled_previous_rows = merged.RelabelledPreviousRows,
            },
            previous_rows = merged.PreviousRows,
        }, IndentedJson);
    }

    /// <summary>
    /// <c>sentinel.llm.provider</c>, <c>sentinel.llm.model</c>; <c>sentinel.llm.tokens=unknown</c> and
    /// <c>sentinel.llm.cost=unknown</c> when they are; <c>sentinel.llm.budget_stopped=&lt;budget&gt;</c> when a budget stopped generation.
    /// </summary>
    internal static void LlmTags(LlmUsage usage, Dictionary<string, string> tags)
    {
        tags[RetrainTags.LlmProvider] = usage.Provider;
        tags[RetrainTags.LlmModel] = usage.Model;
        if (!usage.TokensKnown) tags[RetrainTags.LlmTokens] = RetrainTags.Unknown;
        if (usage.CostUsd is null) tags[RetrainTags.LlmCost] = RetrainTags.Unknown;
        if (usage.BudgetStopped is { } budget) tags[RetrainTags.LlmBudgetStopped] = budget;
    }

    /// <summary>
    /// <c>llm_calls</c>, <c>llm_retries</c>, <c>llm_generation_seconds</c>; <c>llm_input_tokens</c> and <c>llm_output_tokens</c>
    /// when every reply reported them; <c>llm_cost_estimated_usd</c> when known. An unknown value is left out, never 0.
    /// </summary>
    internal static List<MetricPoint> LlmMetrics(LlmUsage usage, DateTimeOffset now)
    {
        var points = new List<MetricPoint>
        {
            new(LlmMetricKeys.Calls, usage.Calls, now),
            new(LlmMetricKeys.Retries, usage.Retries, now),
            new(LlmMetricKeys.GenerationSeconds, usage.Duration.TotalSeconds, now),
        };
        if (usage.InputTokens is { } input) points.Add(new(LlmMetricKeys.InputTokens, input, now));
        if (usage.OutputTokens is { } output) points.Add(new(LlmMetricKeys.OutputTokens, output, now));
        if (usage.CostUsd is { } cost) points.Add(new(LlmMetricKeys.CostEstimatedUsd, cost, now));
        return points;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // MLflow keeps tag values up to 5000 characters.
    private static string Truncate(string value) => value.Length <= 4000 ? value : value[..4000];

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: tracking run {RunId} created in experiment {Experiment}")]
    private static partial void LogRunCreated(ILogger logger, string specialist, string runId, string experiment);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: registered {RegisteredModel} version {Version} from run {RunId}")]
    private static partial void LogRegistered(ILogger logger, string specialist, string registeredModel, string version, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Version {Version} of {RegisteredModel} could not be tagged {Outcome}: {Cause}")]
    private static partial void LogVersionNotTagged(ILogger logger, string registeredModel, string version, string outcome, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the tracking server does not record dataset inputs (MLflow 2.4 or later does); the datasets are the run's artifacts dataset/training.parquet and dataset/evaluation.parquet: {Cause}")]
    private static partial void LogInputsUnsupported(ILogger logger, string runId, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: the retrain failed before its run was created; what generation spent ({Calls} calls) is recorded in the FAILED run {RunId}")]
    private static partial void LogSpendRecorded(ILogger logger, string specialist, string runId, int calls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: {Warning}")]
    private static partial void LogSpendNotRecorded(ILogger logger, string specialist, string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} could not be marked FAILED: {Cause}")]
    private static partial void LogNotMarkedFailed(ILogger logger, string runId, string cause);
}
