using Sentinel.Adapters.Datasets;
using Sentinel.Core.Datasets;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// A run's labelled rows as Parquet artifacts (the dataset file's format): <see cref="TrainingPath"/>, the rows the
/// model was trained on, and <see cref="EvaluationPath"/>, the specialist's evaluation set as this run left it. The
/// next retrain reads both from the champion's run, so that no model is judged on rows it learned from.
/// </summary>
public static class DatasetArtifacts
{
    public const string TrainingPath = "dataset/training.parquet";
    public const string EvaluationPath = "dataset/evaluation.parquet";

    public static async Task UploadAsync(ITrackingStore store, TrackedRun run, string relativePath, IReadOnlyList<DatasetRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var file = TemporaryFile();
        try
        {
            await ParquetDatasetFile.WriteAsync(file, rows, new Dictionary<string, string> { ["sentinel.run_id"] = run.RunId }, cancellationToken);
            await using var content = File.OpenRead(file);
            await store.UploadArtifactAsync(run, relativePath, content, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The rows of a run's artifact; null when the run has no such artifact.</summary>
    public static async Task<IReadOnlyList<DatasetRow>?> DownloadAsync(ITrackingStore store, TrackedRun run, string relativePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var file = TemporaryFile();
        try
        {
            await using (var content = await store.DownloadArtifactAsync(run, relativePath, cancellationToken))
            {
                if (content is null) return null;
                await using var target = File.Create(file);
                await content.CopyToAsync(target, cancellationToken);
            }
            return (await ParquetDatasetFile.ReadAsync(file, cancellationToken)).Rows;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string TemporaryFile() => Path.Combine(Path.GetTempPath(), $"sentinel-{Guid.NewGuid():N}.parquet");
}
