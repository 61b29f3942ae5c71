using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Datasets;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;
using Sentinel.Core.Errors;
using Sentinel.Core.Feedback;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// Seed 004's "Auto-Retrain Flow" for one specialist the decision selected: generate (or reuse) a dataset → merge
/// recent labelled feedback → open the tracking run → train and score the exported model on the held-out rows → log
/// metrics and artifacts and register a version → score the champion on the same rows (and the golden set) →
/// promote per <see cref="PromotionRule"/>.
/// Each step is logged and timed. Any failure ends the flow with a <see cref="RetrainState.Failed"/> result naming
/// the step, the run (if created) marked FAILED, and nothing promoted.
/// </summary>
public sealed partial class RetrainFlow(
    DatasetStep datasets, IFeedbackStore feedback, TextClassifierTrainer trainer, RunRecorder recorder,
    ChampionEvaluator champions, Promoter promoter, IRetrainProgress progress, TimeProvider time, ILogger<RetrainFlow> logger)
{
    public const string HeldOutSet = "held-out";
    public const string GoldenSet = "golden";

    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "A failed step, whatever the cause, becomes a Failed result: the run is marked FAILED, nothing is promoted, the failure is notified and the CLI exits non-zero.")]
    public async Task<RetrainResult> ExecuteAsync(ResolvedSpecialist specialist, RetrainDecision decision, bool skipDatasetGeneration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(decision);
        var started = time.GetTimestamp();
        var result = new RetrainResult
        {
            SpecialistType = specialist.SpecialistType, Status = RetrainState.Failed, Decision = decision,
            Experiment = specialist.Experiment, RegisteredModel = specialist.RegisteredModel,
        };
        var step = RetrainSteps.Generate;
        TrackedRun? run = null;
        LogStarting(logger, specialist.SpecialistType, decision.Reason);
        try
        {
            var dataset = await Timed(specialist, step, () => skipDatasetGeneration ? datasets.LoadNewestAsync(specialist, cancellationToken) : datasets.GenerateAsync(specialist, cancellationToken));
            result = result with { DatasetPath = dataset.Path, GenerationDuration = dataset.GenerationDuration, GenerationErrors = dataset.FailedCalls };

            step = RetrainSteps.Merge;
            var merged = await Timed(specialist, step, async () =>
            {
                var records = await feedback.GetRecentLabelledAsync(specialist.SpecialistType, specialist.Retraining.FeedbackSamples, cancellationToken);
                return FeedbackMerge.Merge(dataset.Rows, records, specialist.Labels, specialist.Retraining.FeedbackSamples);
            });
            LogMerged(logger, specialist.SpecialistType, merged.SyntheticRows, merged.FeedbackRows, merged.SkippedRatingOnly);
            result = result with { SyntheticRows = merged.SyntheticRows, FeedbackRows = merged.FeedbackRows };

            step = RetrainSteps.Track;
            var opened = await Timed(specialist, step, () => recorder.StartAsync(specialist, decision, dataset, merged, cancellationToken));
            run = opened;
            result = result with { RunId = opened.RunId };

            step = RetrainSteps.Train;
            var (trained, challenger) = await Timed(specialist, step, async () =>
            {
                var model = await trainer.TrainAsync(specialist.SpecialistType, specialist.Labels, merged.Rows, specialist.Retraining.TrainingTimeout, cancellationToken);
                return (model, ModelScoring.Score(model.OnnxModel, model.LabelMap, specialist.Labels, model.EvaluationSet));
            });
            result = result with { Challenger = ModelScoring.Macro(challenger) };

            step = RetrainSteps.Track;
            var version = await Timed(specialist, step, async () =>
            {
                await recorder.LogTrainingAsync(opened, specialist, dataset, merged, trained, challenger, cancellationToken);
                return await recorder.RegisterAsync(specialist, opened, cancellationToken);
            });
            result = result with { ModelVersion = version.Version };

            step = RetrainSteps.Evaluate;
            var (promotion, comparisons, champion) = await Timed(specialist, step, () => CompareAsync(specialist, opened, trained, challenger, cancellationToken));
            result = result with
            {
                ChampionVersion = champion?.Version.Version, Champion = champion?.Reports is [var first, ..] ? ModelScoring.Macro(first) : null,
                Comparisons = comparisons, Improved = promotion.Improved, PromotionReason = promotion.Reason,
            };

            step = RetrainSteps.Promote;
            await Timed(specialist, step, async () =>
            {
                // The baseline travels with the run; the run is FINISHED before the alias moves, so the alias never points
                // at a version whose run did not finish; a promotion that fails then marks the run FAILED like any other step.
                if (promotion.Promote) await promoter.RecordBaselineAsync(opened, specialist.Labels, trained.EvaluationSet, cancellationToken);
                await recorder.FinishAsync(opened, promotion.Promote, promotion.Reason, cancellationToken);
                if (promotion.Promote) await promoter.PromoteAsync(specialist, version.Version, champion?.Version.Version, cancellationToken);
                return true;
            });
            LogFinished(logger, specialist.SpecialistType, promotion.Promote, promotion.Reason);
            return result with { Status = RetrainState.Succeeded, Promoted = promotion.Promote, Duration = time.GetElapsedTime(started) };
        }
        catch (Exception e)
        {
            var cancelled = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
            LogStepFailed(logger, specialist.SpecialistType, step, e.Message);
            LogFailureDetail(logger, e, specialist.SpecialistType);
            if (run is not null) await recorder.FailAsync(run, step, cancelled);
            if (cancelled) throw;
            return result with
            {
                Status = RetrainState.Failed, Promoted = false, FailedStep = step, Error = e.Message,
                FailedDependency = (e as DependencyUnavailableException)?.Dependency,
                GenerationErrors = result.GenerationErrors + (step == RetrainSteps.Generate ? 1 : 0),
                Duration = time.GetElapsedTime(started),
            };
        }
    }

    private async Task<(PromotionDecision, IReadOnlyList<SetComparison>, ChampionScores?)> CompareAsync(
        ResolvedSpecialist specialist, TrackedRun run, TrainedClassifier trained, ClassificationReport challenger, CancellationToken cancellationToken)
    {
        var sets = new List<(string Name, IReadOnlyList<DatasetRow> Rows, ClassificationReport Challenger)> { (HeldOutSet, trained.EvaluationSet, challenger) };
        if (specialist.Retraining.GoldenSet is { } goldenPath)
        {
            var (golden, _) = await ParquetDatasetFile.ReadAsync(goldenPath, cancellationToken);
            var report = ModelScoring.Score(trained.OnnxModel, trained.LabelMap, specialist.Labels, golden);
            await recorder.LogMetricsAsync(run, report, "golden_", cancellationToken);
            sets.Add((GoldenSet, golden, report));
        }

        var championVersion = await champions.FindAsync(specialist, cancellationToken);
        var champion = championVersion is null ? null : await champions.ScoreAsync(specialist, championVersion, [.. sets.Select(s => s.Rows)], cancellationToken);
        if (champion?.Reports is { } reports)
        {
            await recorder.LogMetricsAsync(run, reports[0], "champion_", cancellationToken);
            if (reports.Count > 1) await recorder.LogMetricsAsync(run, reports[1], "champion_golden_", cancellationToken);
        }
        var comparisons = sets.Select((s, i) => new SetComparison(s.Name, s.Rows.Count, s.Challenger.MacroF1, champion?.Reports?[i].MacroF1 ?? 0)).ToList();
        var decision = PromotionRule.Decide(new PromotionInputs
        {
            HasChampion = championVersion is not null,
            ChampionUnavailable = champion?.Unavailable,
            Comparisons = comparisons,
            MinAbsoluteImprovement = specialist.Retraining.MinAbsoluteImprovement,
            MinRelativeImprovement = specialist.Retraining.MinRelativeImprovement,
        });
        return (decision, championVersion is null ? [] : comparisons, champion);
    }

    private async Task<T> Timed<T>(ResolvedSpecialist specialist, string step, Func<Task<T>> action)
    {
        LogStep(logger, specialist.SpecialistType, step);
        await progress.StepStartedAsync(specialist.SpecialistType, step, CancellationToken.None);
        var started = time.GetTimestamp();
        var value = await action();
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        LogStepDone(logger, specialist.SpecialistType, step, seconds);
        return value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: retraining ({Reason})")]
    private static partial void LogStarting(ILogger logger, string specialist, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: step {Step} started")]
    private static partial void LogStep(ILogger logger, string specialist, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: step {Step} done in {Seconds:F2} s")]
    private static partial void LogStepDone(ILogger logger, string specialist, string step, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: merged {SyntheticRows} synthetic and {FeedbackRows} feedback rows ({RatingOnly} rating-only feedback records skipped)")]
    private static partial void LogMerged(ILogger logger, string specialist, int syntheticRows, int feedbackRows, int ratingOnly);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: step {Step} failed: {Cause}")]
    private static partial void LogStepFailed(ILogger logger, string specialist, string step, string cause);

    /// <summary>The exception with its stack trace, for <c>--verbose</c> runs only.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Specialist}: failure detail")]
    private static partial void LogFailureDetail(ILogger logger, Exception exception, string specialist);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: retrain finished, promoted: {Promoted} ({Reason})")]
    private static partial void LogFinished(ILogger logger, string specialist, bool promoted, string reason);
}
