using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Core.Errors;
using Sentinel.GoldenJob.Configuration;
using Sentinel.GoldenJob.Datasets;
using Sentinel.GoldenJob.ModelServer;

namespace Sentinel.GoldenJob.Evaluation;

/// <summary>
/// One golden-set evaluation: read the set → check the model server serves the specialist → predict the texts in
/// batches (<c>source: golden</c>) → after the first batch, check every label is one of the model's → record each row's
/// true label as golden feedback → score with <see cref="GoldenChecks.Score"/>. Expected failures (bad input, an
/// unreachable server) end the run as a <see cref="GoldenOutcome.Failure"/>, so its metrics can still be pushed.
/// </summary>
public sealed partial class GoldenRun(ModelServerClient server, IOptions<GoldenOptions> options, TimeProvider time, ILogger<GoldenRun> logger)
{
    public async Task<GoldenOutcome> ExecuteAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var started = time.GetTimestamp();
        var specialist = string.IsNullOrWhiteSpace(o.SpecialistType) ? null : o.SpecialistType.Trim();
        var items = 0;
        GoldenScores? scores = null;
        GoldenFailure? failure = null;
        try
        {
            var set = await GoldenSetReader.ReadAsync(o.SetPath!, o.MaxItems, cancellationToken);
            items = set.Items.Count;
            var ready = await server.GetReadyAsync(cancellationToken);
            if (specialist is not null && ready.Specialist != specialist)
                throw new GoldenInputException($"SPECIALIST_TYPE is '{specialist}' but the model server at MODEL_SERVER_URL serves '{ready.Specialist}'; point MODEL_SERVER_URL at the {specialist} model server");
            specialist = ready.Specialist;
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["Specialist"] = specialist });
            LogStarted(logger, specialist, items, ready.Model!.Version);
            scores = await EvaluateAsync(set, o, cancellationToken);
            LogFinished(logger, specialist, items, scores.ModelVersion, scores.Report.Accuracy, scores.Report.MacroF1, scores.FeedbackRecorded);
            if (scores.FeedbackNotRecorded > 0)
                failure = new(GoldenFailureKind.DependencyUnavailable,
                    $"{ModelServerClient.Dependency}: {scores.FeedbackNotRecorded} of {items} golden feedback records were not stored (the server no longer knew their predictions or refused them); check the model server's prediction log and logs, then run again");
        }
        catch (GoldenInputException e)
        {
            failure = new(GoldenFailureKind.InvalidInput, e.Message);
        }
        catch (DependencyUnavailableException e)
        {
            failure = new(GoldenFailureKind.DependencyUnavailable, $"{e.Dependency} unavailable: {e.Message}");
        }
        if (failure is not null) LogFailed(logger, specialist ?? "(unknown)", failure.Kind, failure.Message);
        return new GoldenOutcome
        {
            SpecialistType = specialist,
            SetPath = o.SetPath!,
            Items = items,
            Scores = scores,
            Failure = failure,
            Duration = time.GetElapsedTime(started),
            FinishedAt = time.GetUtcNow(),
        };
    }

    private async Task<GoldenScores> EvaluateAsync(GoldenSet set, GoldenOptions o, CancellationToken cancellationToken)
    {
        var predictions = new List<Prediction>(set.Items.Count);
        var versions = new List<string>();
        IReadOnlyList<string>? labels = null;
        string? modelName = null;
        int recorded = 0, notRecorded = 0;
        foreach (var batch in set.Items.Chunk(o.BatchSize))
        {
            var answer = await PredictAsync(set, batch, cancellationToken);
            if (labels is null)
            {
                labels = [.. answer.Predictions[0].Scores.Keys];
                if (GoldenChecks.UnknownLabels(set, labels, answer.Model) is { } problem) throw new GoldenInputException(problem);
            }
            modelName ??= answer.Model.Name;
            if (!versions.Contains(answer.Model.Version, StringComparer.Ordinal)) versions.Add(answer.Model.Version);
            predictions.AddRange(answer.Predictions);
            var stored = await RecordAsync(set, batch, answer.Predictions, o.FeedbackConcurrency, cancellationToken);
            recorded += stored;
            notRecorded += batch.Length - stored;
        }
        if (versions.Count > 1) LogVersionChanged(logger, string.Join(", ", versions));
        return new GoldenScores
        {
            ModelName = modelName!,
            ModelVersions = versions,
            Report = GoldenChecks.Score(labels!, set.Items, predictions),
            FeedbackRecorded = recorded,
            FeedbackNotRecorded = notRecorded,
        };
    }

    private async Task<PredictBatchResponse> PredictAsync(GoldenSet set, GoldenItem[] batch, CancellationToken cancellationToken)
    {
        try
        {
            return await server.PredictAsync([.. batch.Select(i => i.Text)], cancellationToken);
        }
        catch (ModelServerRefusalException e)
        {
            throw new GoldenInputException(
                $"the model server refused the texts of {set.Locate(batch[0])} to {batch[^1].Position} ({e.Detail}); shorten the texts, or lower GOLDEN_BATCH_SIZE to at most the server's MaxBatchSize", e);
        }
    }

    /// <summary>Sends each row's label as golden feedback on its prediction; returns how many the server stored.</summary>
    private async Task<int> RecordAsync(GoldenSet set, GoldenItem[] batch, IReadOnlyList<Prediction> predictions, int concurrency, CancellationToken cancellationToken)
    {
        var stored = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, batch.Length), parallel, async (i, token) =>
        {
            var (answer, detail) = await server.SubmitFeedbackAsync(predictions[i].PredictionId, batch[i].Label, token);
            if (answer == FeedbackAnswer.Stored) Interlocked.Increment(ref stored);
            else LogFeedbackNotStored(logger, set.Locate(batch[i]), answer, detail ?? "");
        });
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: evaluating {Items} golden rows against model version {ModelVersion}")]
    private static partial void LogStarted(ILogger logger, string specialist, int items, string modelVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: {Items} golden rows on model version {ModelVersion}: accuracy {Accuracy:0.000}, macro F1 {MacroF1:0.000}, {Recorded} feedback records stored")]
    private static partial void LogFinished(ILogger logger, string specialist, int items, string modelVersion, double accuracy, double macroF1, int recorded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The served model changed during the run; versions {ModelVersions} answered")]
    private static partial void LogVersionChanged(ILogger logger, string modelVersions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Golden feedback for {Row} not stored ({Answer}): {Detail}")]
    private static partial void LogFeedbackNotStored(ILogger logger, string row, FeedbackAnswer answer, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: golden evaluation failed ({Kind}): {Cause}")]
    private static partial void LogFailed(ILogger logger, string specialist, GoldenFailureKind kind, string cause);
}
