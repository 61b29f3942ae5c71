using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Datasets;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Datasets;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// The split a retrain trains and judges on, the champion it was made against (read from the registry at the start),
/// and the golden set's rows (null when the spec names none).
/// </summary>
public sealed record PreparedSplit(EvaluationSplitResult Split, ModelVersionInfo? Champion, IReadOnlyList<DatasetRow>? Golden);

/// <summary>
/// Step 3: finds the champion, reads the specialist's evaluation set and the champion's training rows from the
/// champion's run (<see cref="DatasetArtifacts"/>), and splits this retrain's rows with <see cref="EvaluationSplit"/>.
/// A champion whose artifacts are missing or unreadable (trained before Sentinel kept them) leaves its training rows
/// unknown: the comparison then says it may favour the champion.
/// </summary>
public sealed partial class SplitStep(ITrackingStore store, ChampionEvaluator champions, IOptions<TrainingOptions> training, ILogger<SplitStep> logger)
{
    public async Task<PreparedSplit> PrepareAsync(ResolvedSpecialist specialist, IReadOnlyList<DatasetRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var champion = await champions.FindAsync(specialist, cancellationToken);
        IReadOnlyList<DatasetRow> previous = [];
        IReadOnlyList<DatasetRow>? championTraining = [];
        if (champion is not null)
        {
            var run = champion.RunId is { } runId ? await store.GetRunAsync(runId, cancellationToken) : null;
            previous = run is null ? [] : await ReadAsync(specialist, run, DatasetArtifacts.EvaluationPath, cancellationToken) ?? [];
            championTraining = run is null ? null : await ReadAsync(specialist, run, DatasetArtifacts.TrainingPath, cancellationToken);
            if (championTraining is null) LogChampionTrainingUnknown(logger, specialist.SpecialistType, champion.Version, DatasetArtifacts.TrainingPath);
        }

        // The golden set judges both models: nothing near it may be learned from.
        var golden = specialist.Retraining.GoldenSet is { } goldenPath ? (await ParquetDatasetFile.ReadAsync(goldenPath, cancellationToken)).Rows : null;
        var o = training.Value;
        var split = EvaluationSplit.Assign(new EvaluationSplitInputs
        {
            Rows = rows, PreviousEvaluation = previous, ChampionTraining = championTraining, Reserved = golden ?? [],
            EvaluationFraction = o.EvaluationFraction, Salt = specialist.SpecialistType, NearDuplicateThreshold = o.NearDuplicateThreshold,
        });
        LogSplit(logger, specialist.SpecialistType, split.Training.Count, split.Evaluation.Count, previous.Count, split.Comparison.Count,
            split.Groups, split.NearDuplicateRows, split.ExcludedNearChampionTraining, split.MovedToTraining);
        return new PreparedSplit(split, champion, golden);
    }

    private async Task<IReadOnlyList<DatasetRow>?> ReadAsync(ResolvedSpecialist specialist, TrackedRun run, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await DatasetArtifacts.DownloadAsync(store, run, path, cancellationToken);
        }
        catch (DatasetValidationException e)
        {
            LogArtifactUnreadable(logger, specialist.SpecialistType, path, run.RunId, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Specialist}: {TrainingRows} rows train and {EvaluationRows} evaluate ({PreviousRows} kept from the evaluation set); {ComparisonRows} compare champion and challenger; {Groups} groups, {NearDuplicates} near-duplicates kept on their group's side, {ExcludedRows} evaluation rows excluded as near the champion's training rows, {Moved} groups moved to training so every label trains")]
    private static partial void LogSplit(ILogger logger, string specialist, int trainingRows, int evaluationRows, int previousRows, int comparisonRows, int groups, int nearDuplicates, int excludedRows, int moved);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Specialist}: champion version {Version} has no {Path}: its training rows are unknown, so the comparison may include rows it was trained on")]
    private static partial void LogChampionTrainingUnknown(ILogger logger, string specialist, string version, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: {Path} of run {RunId} cannot be read and is ignored: {Cause}")]
    private static partial void LogArtifactUnreadable(ILogger logger, string specialist, string path, string runId, string cause);
}
