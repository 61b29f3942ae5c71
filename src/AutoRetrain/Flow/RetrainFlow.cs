using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
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
/// Seed 004's "Auto-Retrain Flow" for one specialist the decision selected: read the champion with its training and
/// evaluation sets from the registry (<see cref="SplitStep"/>) → generate (or reuse) rows when the generation policy asks
/// (a first model, by default) → merge the champion's training rows, those rows and the users' recent labels → split them
/// so that no model is judged on what it learned from, capping the generated share → open the tracking run → train and
/// score on the evaluation rows → log metrics, artifacts and dataset inputs and register a version → score the champion
/// and the challenger on the rows neither trained on (and the users' recent labels, and the golden set) → decide per
/// <see cref="PromotionRule"/> → move the registry (<see cref="Promoter"/>) → tag the outcome and end the run → delete
/// generated datasets older than 90 days (<see cref="DatasetExpiry"/>).
/// Each step is logged and timed. Any failure ends the flow with a <see cref="RetrainState.Failed"/> result naming
/// the step, with the run marked FAILED when that worked, a version registered on the way tagged
/// <c>sentinel.outcome=abandoned</c>, and a result that claims no more than happened.
/// </summary>
public sealed partial class RetrainFlow(
    DatasetStep datasets, IFeedbackStore feedback, SplitStep splits, TextClassifierTrainer trainer, RunRecorder recorder,
    ChampionEvaluator champions, Promoter promoter, DatasetExpiry expiry, IRetrainProgress progress, TimeProvider time, ILogger<RetrainFlow> logger)
{
    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "A failed step, whatever the cause, becomes a Failed result: the run is marked FAILED, the failure is notified and the CLI exits non-zero.")]
    public async Task<RetrainResult> ExecuteAsync(ResolvedSpecialist specialist, RetrainDecision decision, bool skipDatasetGeneration, CancellationToken cancellationToken, bool forcePromote = false)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(decision);
        var started = time.GetTimestamp();
        var result = new RetrainResult
        {
            SpecialistType = specialist.SpecialistType, Status = RetrainState.Failed, Decision = decision,
            Experiment = specialist.Experiment, RegisteredModel = specialist.RegisteredModel,
        };
        var step = RetrainSteps.Previous;
        TrackedRun? run = null;
        GenerationMeter? meter = null;
        var promoted = false;
        var challengerSet = false;
        string? replacedChallenger = null;
        var rolloutMode = ResolvedRollout.Name(specialist.Retraining.Rollout.Mode);
        LogStarting(logger, specialist.SpecialistType, decision.Reason);
        try
        {
            var previous = await Timed(specialist, step, async () =>
            {
                var champion = await splits.FindChampionAsync(specialist, cancellationToken);
                result = result with { ChampionVersion = champion?.Version, ChampionKnown = true };
                return await splits.ReadPreviousAsync(specialist, champion, cancellationToken);
            });

            step = RetrainSteps.Generate;
            var generate = specialist.Retraining.DatasetGeneration.Policy == GenerationPolicy.Always || !previous.HasTrainingSet;
            var dataset = generate
                ? await Timed(specialist, step, async () =>
                {
                    if (skipDatasetGeneration) return await datasets.LoadNewestAsync(specialist, cancellationToken);
                    meter = await datasets.PlanAsync(specialist, cancellationToken);
                    return await datasets.GenerateAsync(specialist, meter, cancellationToken);
                })
                : PreparedDataset.NotGenerated;
            if (!generate) LogNotGenerated(logger, specialist.SpecialistType, previous.Training!.Count, previous.ChampionRunId ?? "unknown");
            result = result with { DatasetPath = dataset.Path, GenerationDuration = dataset.GenerationDuration, GenerationErrors = dataset.FailedCalls, LlmUsage = dataset.Usage };

            step = RetrainSteps.Merge;
            var (merged, ratingOnly) = await Timed(specialist, step, async () =>
            {
                var records = specialist.Retraining.FeedbackSamples == 0
                    ? []
                    : await feedback.GetRecentLabelledAsync(specialist.SpecialistType, specialist.Retraining.FeedbackSamples, cancellationToken);
                // Ratings without a label cannot label a row; count those of the feedback window, to say so.
                var now = time.GetUtcNow();
                var statistics = await feedback.GetStatisticsAsync(specialist.SpecialistType, now - specialist.FeedbackWindow, now.AddSeconds(1), cancellationToken);
                return (FeedbackMerge.Merge(previous.Training ?? [], dataset.Rows, records, specialist.Labels, specialist.Retraining.FeedbackSamples),
                    Math.Max(0, statistics.Total - statistics.Labelled));
            });
            var trainingSet = new TrainingSetSummary
            {
                PreviousRows = merged.PreviousRows, PreviousRunId = previous.HasTrainingSet ? previous.ChampionRunId : null,
                FeedbackRows = merged.FeedbackRows, GeneratedRows = merged.SyntheticRows, Generated = generate,
                RelabelledRows = merged.RelabelledPreviousRows, FeedbackAlreadyKnown = merged.FeedbackAlreadyKnown,
                FeedbackWithoutText = merged.SkippedWithoutText, FeedbackUnknownLabel = merged.SkippedUnknownLabel, RatingOnlyFeedback = ratingOnly,
            };
            var description = trainingSet.Describe();
            LogMerged(logger, specialist.SpecialistType, description);
            if (trainingSet.Warning is { } unused) LogFeedbackUnused(logger, specialist.SpecialistType, unused);
            result = result with { SyntheticRows = merged.SyntheticRows, FeedbackRows = merged.FeedbackRows, TrainingSet = trainingSet };

            step = RetrainSteps.Split;
            var (split, championVersion, golden, cappedRows) = await Timed(specialist, step, () => Task.FromResult(splits.Split(specialist, previous, merged.Rows)));
            trainingSet = trainingSet with { CappedSyntheticRows = cappedRows };
            result = result with { Split = Summary(split), TrainingSet = trainingSet };

            step = RetrainSteps.Track;
            var opened = await Timed(specialist, step, () => recorder.StartAsync(specialist, decision, dataset, merged, trainingSet.PreviousRunId, cancellationToken));
            run = opened;
            result = result with { RunId = opened.RunId };

            step = RetrainSteps.Train;
            var (trained, predicted) = await Timed(specialist, step, async () =>
            {
                var model = await trainer.TrainAsync(specialist.SpecialistType, specialist.Labels, split.Training, split.Evaluation, specialist.Retraining.TrainingTimeout, cancellationToken);
                return (model, ModelScoring.Predict(model.OnnxModel, model.LabelMap, model.EvaluationSet));
            });
            var challenger = ModelScoring.Report(specialist.Labels, trained.EvaluationSet, predicted);
            result = result with { Challenger = challenger.IsEmpty ? null : ModelScoring.Macro(challenger) };

            step = RetrainSteps.Track;
            var version = await Timed(specialist, step, async () =>
            {
                await recorder.LogTrainingAsync(opened, specialist, dataset, merged, split, trained, challenger, cancellationToken);
                return await recorder.RegisterAsync(specialist, opened, cancellationToken);
            });
            result = result with { ModelVersion = version.Version };

            step = RetrainSteps.Evaluate;
            var comparing = new Comparing(specialist, opened, trained, challenger, predicted, split, merged, championVersion, golden, forcePromote);
            var (promotion, comparisons, champion) = await Timed(specialist, step, () => CompareAsync(comparing, cancellationToken));
            result = result with
            {
                Champion = champion, Comparisons = comparisons, Improved = promotion.Improved, PromotionReason = promotion.Reason, Forced = promotion.Forced,
            };

            step = RetrainSteps.Promote;
            // Shadow and canary put a passing challenger on live traffic first; a first model (nothing to compare with on
            // live traffic) and a forced promotion (a person's explicit decision) move the champion alias at once.
            var asChallenger = specialist.Retraining.Rollout.Mode != PromotionMode.Immediate && championVersion is not null && !forcePromote;
            await Timed(specialist, step, async () =>
            {
                if (promotion.Promote)
                {
                    await promoter.RecordBaselineAsync(opened, specialist.Labels, trained.EvaluationSet, challenger, cancellationToken);
                    if (asChallenger)
                    {
                        replacedChallenger = await promoter.SetChallengerAsync(specialist, version.Version, championVersion?.Version, cancellationToken);
                        challengerSet = true;
                    }
                    else
                    {
                        await promoter.PromoteAsync(specialist, version.Version, championVersion?.Version, cancellationToken);
                        promoted = true;
                    }
                }
                // The outcome is tagged once the registry moved: a run never claims a promotion that did not happen.
                await recorder.FinishAsync(opened, promotion, cancellationToken, challengerSet ? rolloutMode : null);
                return true;
            });
            var outcome = !promotion.Promote ? "not_promoted" : challengerSet ? RetrainOutcomes.Challenger : "promoted";
            await recorder.TagVersionAsync(specialist, version.Version, outcome, promotion.Reason);
            LogFinished(logger, specialist.SpecialistType, promoted, challengerSet ? $"set as the {rolloutMode} challenger: {promotion.Reason}" : promotion.Reason);
            var expired = await expiry.ExpireAsync(specialist, cancellationToken);
            return result with
            {
                Status = RetrainState.Succeeded, Promoted = promoted, Duration = time.GetElapsedTime(started),
                ChallengerVersion = challengerSet ? version.Version : null, RolloutMode = challengerSet ? rolloutMode : null,
                ReplacedChallenger = replacedChallenger,
                ExpiredDatasets = expired.Deleted, CleanupWarning = expired.Warning,
            };
        }
        catch (Exception e)
        {
            var cancelled = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
            LogStepFailed(logger, specialist.SpecialistType, step, e.Message);
            LogFailureDetail(logger, e, specialist.SpecialistType);
            bool? marked = run is null ? null : await recorder.FailAsync(run, step, cancelled, promoted);
            // A generation that failed still spent what its answered calls spent; without a run to hold it, one is made for it.
            var spent = result.LlmUsage ?? meter?.Usage;
            var spendWarning = run is null && spent is { Calls: > 0 } ? await recorder.RecordSpendAsync(specialist, decision, spent, step) : null;
            if (result.ModelVersion is { } registered)
                await recorder.TagVersionAsync(specialist, registered, promoted ? "promoted" : "abandoned", $"the retrain failed at step {step}: {e.Message}");
            if (cancelled) throw;
            return result with
            {
                Status = RetrainState.Failed, Promoted = promoted, FailedStep = step, Error = e.Message, RunMarkedFailed = marked,
                RegistryWarning = e is PromotionFailedException { Restored: false } ? e.Message : null,
                FailedDependency = Dependency(e),
                GenerationErrors = result.GenerationErrors + (step == RetrainSteps.Generate ? 1 : 0),
                LlmUsage = spent,
                SpendWarning = spendWarning,
                Duration = time.GetElapsedTime(started),
            };
        }
    }

    private static string? Dependency(Exception e) =>
        (e as DependencyUnavailableException)?.Dependency ?? (e.InnerException as DependencyUnavailableException)?.Dependency;

    private static SplitSummary Summary(EvaluationSplitResult s) => new(
        s.Training.Count, s.Evaluation.Count, s.Comparison.Count, s.Groups, s.NearDuplicateRows, s.ExcludedNearChampionTraining, s.MovedToTraining, s.ChampionTrainingKnown);

    private sealed record Comparing(
        ResolvedSpecialist Specialist, TrackedRun Run, TrainedClassifier Trained, ClassificationReport Challenger, IReadOnlyList<string> Predicted,
        EvaluationSplitResult Split, MergedDataset Merged, ModelVersionInfo? ChampionVersion, IReadOnlyList<DatasetRow>? Golden, bool Force);

    private async Task<(PromotionDecision, IReadOnlyList<SetComparison>, ModelMetrics?)> CompareAsync(Comparing c, CancellationToken cancellationToken)
    {
        var specialist = c.Specialist;
        var recent = c.Merged.Rows.Where(r => r.Source == DatasetSource.Feedback).Select(r => TextNormalizer.Normalize(r.Text)).ToHashSet(StringComparer.Ordinal);
        // The comparison rows are evaluation rows: the challenger's predictions of them were made once, after training.
        var onEvaluation = new Dictionary<DatasetRow, string>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < c.Trained.EvaluationSet.Count; i++) onEvaluation[c.Trained.EvaluationSet[i]] = c.Predicted[i];
        IReadOnlyList<DatasetRow> comparison = c.Split.Comparison;
        IReadOnlyList<DatasetRow> recentRows = [.. comparison.Where(r => recent.Contains(TextNormalizer.Normalize(r.Text)))];
        var sets = new List<(string Name, IReadOnlyList<DatasetRow> Rows, IReadOnlyList<string> Challenger)>
        {
            (SetComparison.Evaluation, comparison, [.. comparison.Select(r => onEvaluation[r])]),
            (SetComparison.RecentFeedback, recentRows, [.. recentRows.Select(r => onEvaluation[r])]),
        };
        if (c.Golden is { } golden)
        {
            var onGolden = ModelScoring.Predict(c.Trained.OnnxModel, c.Trained.LabelMap, golden);
            await recorder.LogMetricsAsync(c.Run, ModelScoring.Report(specialist.Labels, golden, onGolden), "golden_", cancellationToken);
            sets.Add((SetComparison.Golden, golden, onGolden));
        }

        var scores = c.ChampionVersion is null ? null : await champions.ScoreAsync(specialist, c.ChampionVersion, [.. sets.Select(s => s.Rows)], cancellationToken);
        var comparisons = new List<SetComparison>();
        if (scores?.Predictions is { } championPredictions)
        {
            for (var i = 0; i < sets.Count; i++)
            {
                if (sets[i].Rows.Count == 0) continue;
                var paired = PairedComparison.Compare(specialist.Labels, [.. sets[i].Rows.Select(r => r.Label)], sets[i].Challenger, championPredictions[i]);
                comparisons.Add(new SetComparison(sets[i].Name, paired));
            }
            await recorder.LogComparisonsAsync(c.Run, comparisons, cancellationToken);
        }
        var championMetrics = scores?.Reports is [var onComparison, ..] && !onComparison.IsEmpty ? ModelScoring.Macro(onComparison) : null;
        if (championMetrics is not null) await recorder.LogMetricsAsync(c.Run, scores!.Reports![0], "champion_", cancellationToken);

        var decision = PromotionRule.Decide(new PromotionInputs
        {
            HasChampion = c.ChampionVersion is not null,
            ChampionUnavailable = scores?.Unavailable,
            Challenger = c.Challenger.IsEmpty ? null : ModelScoring.Macro(c.Challenger),
            EvaluationRows = c.Challenger.Count,
            Floor = specialist.Thresholds,
            Evaluation = comparisons.FirstOrDefault(x => x.Set == SetComparison.Evaluation),
            RecentFeedback = comparisons.FirstOrDefault(x => x.Set == SetComparison.RecentFeedback),
            Golden = comparisons.FirstOrDefault(x => x.Set == SetComparison.Golden),
            MinAbsoluteImprovement = specialist.Retraining.MinAbsoluteImprovement,
            MinRelativeImprovement = specialist.Retraining.MinRelativeImprovement,
            SignificanceLevel = specialist.Retraining.SignificanceLevel,
            Force = c.Force,
        });
        if (!c.Split.ChampionTrainingKnown && c.ChampionVersion is not null)
            decision = decision with { Reason = decision.Reason + $"; note: the champion's training rows are unknown (no {DatasetArtifacts.TrainingPath} in its run), so some comparison rows may be rows it learned from" };
        return (decision, comparisons, championMetrics);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: training set: {Rows}")]
    private static partial void LogMerged(ILogger logger, string specialist, string rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: {Warning}")]
    private static partial void LogFeedbackUnused(ILogger logger, string specialist, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: no rows generated: the retrain starts from the champion's {Rows} training rows (run {RunId}) and the users' new labels (spec.retraining.datasetGeneration.policy IfNoTrainingSet)")]
    private static partial void LogNotGenerated(ILogger logger, string specialist, int rows, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: step {Step} failed: {Cause}")]
    private static partial void LogStepFailed(ILogger logger, string specialist, string step, string cause);

    /// <summary>The exception with its stack trace, for <c>--verbose</c> runs only.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Specialist}: failure detail")]
    private static partial void LogFailureDetail(ILogger logger, Exception exception, string specialist);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: retrain finished, promoted: {Promoted} ({Reason})")]
    private static partial void LogFinished(ILogger logger, string specialist, bool promoted, string reason);
}
