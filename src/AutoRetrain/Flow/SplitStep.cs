using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Datasets;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Datasets;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// What a retrain starts from, read from the registry before anything is generated: the champion, the rows it was
/// trained on (null when unknown: no champion run, or a run without <see cref="DatasetArtifacts.TrainingPath"/>), the
/// specialist's evaluation set so far, and the golden set's rows (null when the spec names none).
/// </summary>
public sealed record PreviousDatasets(
    ModelVersionInfo? Champion, string? ChampionRunId, IReadOnlyList<DatasetRow>? Training, IReadOnlyList<DatasetRow> Evaluation, IReadOnlyList<DatasetRow>? Golden)
{
    /// <summary>Whether there is a training set to start from (so a first-model-only generation policy skips generating).</summary>
    public bool HasTrainingSet => Training is { Count: > 0 };
}

/// <summary>
/// The split a retrain trains and judges on, the champion it was made against, the golden set's rows (null when the
/// spec names none), and how many generated training rows the synthetic cap left out.
/// </summary>
public sealed record PreparedSplit(EvaluationSplitResult Split, ModelVersionInfo? Champion, IReadOnlyList<DatasetRow>? Golden, int CappedSyntheticRows = 0);

/// <summary>
/// Reads what a retrain starts from (<see cref="ReadPreviousAsync"/>: the champion, its training rows and the
/// specialist's evaluation set from the champion's run, <see cref="DatasetArtifacts"/>), then splits the retrain's rows
/// with <see cref="EvaluationSplit"/> and keeps the generated share of the training rows under the spec's cap
/// (<see cref="SyntheticCap"/>). A champion whose artifacts are missing or unreadable (trained before Sentinel kept
/// them) leaves its training rows unknown: the comparison then says it may favour the champion.
/// </summary>
public sealed partial class SplitStep(ITrackingStore store, ChampionEvaluator champions, IOptions<TrainingOptions> training, ILogger<SplitStep> logger)
{
    /// <summary>The specialist's champion in the registry; null when it has none.</summary>
    public Task<ModelVersionInfo?> FindChampionAsync(ResolvedSpecialist specialist, CancellationToken cancellationToken) =>
        champions.FindAsync(specialist, cancellationToken);

    /// <summary>Reads what a retrain against <paramref name="champion"/> starts from (see <see cref="PreviousDatasets"/>).</summary>
    public async Task<PreviousDatasets> ReadPreviousAsync(ResolvedSpecialist specialist, ModelVersionInfo? champion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        IReadOnlyList<DatasetRow> evaluation = [];
        IReadOnlyList<DatasetRow>? championTraining = null;
        TrackedRun? run = null;
        if (champion is not null)
        {
            run = champion.RunId is { } runId ? await store.GetRunAsync(runId, cancellationToken) : null;
            evaluation = run is null ? [] : await ReadAsync(specialist, run, DatasetArtifacts.EvaluationPath, cancellationToken) ?? [];
            championTraining = run is null ? null : await ReadAsync(specialist, run, DatasetArtifacts.TrainingPath, cancellationToken);
            if (championTraining is null) LogChampionTrainingUnknown(logger, specialist.SpecialistType, champion.Version, DatasetArtifacts.TrainingPath);
        }

        // The golden set judges both models: nothing near it may be learned from.
        var golden = specialist.Retraining.GoldenSet is { } goldenSet ? await ReadGoldenAsync(goldenSet, cancellationToken) : null;
        if (champion is not null)
            LogPrevious(logger, specialist.SpecialistType, champion.Version, run?.RunId ?? "none", championTraining?.Count, evaluation.Count);
        return new PreviousDatasets(champion, run?.RunId, championTraining, evaluation, golden);
    }

    /// <summary>Splits <paramref name="rows"/> (the merged rows) against <paramref name="previous"/>, then caps the generated training rows.</summary>
    public PreparedSplit Split(ResolvedSpecialist specialist, PreviousDatasets previous, IReadOnlyList<DatasetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(previous);
        var o = training.Value;
        // A champion without a run has unknown training rows; without a champion there are none to keep apart.
        var championTraining = previous.Champion is null ? [] : previous.Training;
        var split = EvaluationSplit.Assign(new EvaluationSplitInputs
        {
            Rows = rows, PreviousEvaluation = previous.Evaluation, ChampionTraining = championTraining, Reserved = previous.Golden ?? [],
            EvaluationFraction = o.EvaluationFraction, Salt = specialist.SpecialistType, NearDuplicateThreshold = o.NearDuplicateThreshold,
        });
        LogSplit(logger, specialist.SpecialistType, split.Training.Count, split.Evaluation.Count, previous.Evaluation.Count, split.Comparison.Count,
            split.Groups, split.NearDuplicateRows, split.ExcludedNearChampionTraining, split.MovedToTraining);

        var capped = SyntheticCap.Apply(split.Training, specialist.Retraining.DatasetGeneration.SyntheticCap, specialist.SpecialistType);
        if (capped.Dropped > 0)
        {
            LogCapped(logger, specialist.SpecialistType, capped.Dropped, specialist.Retraining.DatasetGeneration.SyntheticCap.MaxShare, capped.Rows.Count);
            split = split with { Training = capped.Rows };
        }
        return new PreparedSplit(split, previous.Champion, previous.Golden, capped.Dropped);
    }

    /// <summary>
    /// The golden set's rows: a Parquet artifact of an MLflow run (<c>runs:/&lt;run id&gt;/&lt;path&gt;</c>, what a retrain Job in
    /// a cluster can reach), or a Parquet file on this machine.
    /// </summary>
    private async Task<IReadOnlyList<DatasetRow>> ReadGoldenAsync(string goldenSet, CancellationToken cancellationToken)
    {
        if (GoldenSetUri.TryParseRunArtifact(goldenSet) is not var (runId, path)) return (await ParquetDatasetFile.ReadAsync(goldenSet, cancellationToken)).Rows;
        var run = await store.GetRunAsync(runId, cancellationToken)
            ?? throw new DatasetValidationException($"spec.retraining.promotion.goldenSet names run {runId}, which the tracking store does not have; point it at an existing run's artifact (runs:/<run id>/<path>)");
        return await DatasetArtifacts.DownloadAsync(store, run, path, cancellationToken)
            ?? throw new DatasetValidationException($"spec.retraining.promotion.goldenSet: run {runId} has no artifact {path}; upload the golden set there (Parquet with columns text, label, source) or fix the path");
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

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Specialist}: champion version {Version} (run {RunId}): {TrainingRows} training rows to start from, an evaluation set of {EvaluationRows} rows")]
    private static partial void LogPrevious(ILogger logger, string specialist, string version, string runId, int? trainingRows, int evaluationRows);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Specialist}: {Dropped} generated training rows left out so that generated rows are at most {MaxShare:P0} of the training set ({Rows} rows train)")]
    private static partial void LogCapped(ILogger logger, string specialist, int dropped, double maxShare, int rows);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Specialist}: champion version {Version} has no {Path}: its training rows are unknown, so the comparison may include rows it was trained on")]
    private static partial void LogChampionTrainingUnknown(ILogger logger, string specialist, string version, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: {Path} of run {RunId} cannot be read and is ignored: {Cause}")]
    private static partial void LogArtifactUnreadable(ILogger logger, string specialist, string path, string runId, string cause);
}
