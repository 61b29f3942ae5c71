using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
    public static async Task<IReadOnlyList<DatasetRow>?> DownloadAsync(ITrackingStore store, TrackedRun run, string relativePath, CancellationToken cancellationToken) =>
        (await DownloadWithMetadataAsync(store, run, relativePath, cancellationToken))?.Rows;

    /// <summary>The rows of a run's artifact with the file's key-value metadata (provenance); null when the run has no such artifact.</summary>
    public static async Task<(IReadOnlyList<DatasetRow> Rows, IReadOnlyDictionary<string, string> Metadata)?> DownloadWithMetadataAsync(
        ITrackingStore store, TrackedRun run, string relativePath, CancellationToken cancellationToken)
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
            return await ParquetDatasetFile.ReadAsync(file, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The MLflow dataset input of a run's dataset artifact at <paramref name="relativePath"/>: named
    /// <c>{specialist}-{context}</c>, its digest the first 32 hex digits of <see cref="ContentHash"/>, its source the
    /// artifact (<c>runs:/{run}/{path}</c>), its schema the file's columns and its profile the row counts, with where the
    /// rows came from (<paramref name="lineage"/>, for the training set).
    /// </summary>
    public static DatasetInput Input(
        TrackedRun run, string specialistType, string context, string relativePath, IReadOnlyList<DatasetRow> rows, IReadOnlyDictionary<string, object?>? lineage = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(rows);
        var hash = ContentHash(rows);
        var profile = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["num_rows"] = rows.Count,
            ["num_elements"] = rows.Count * 3,
            ["sha256"] = hash,
            ["feedback_rows"] = rows.Count(r => r.Source == DatasetSource.Feedback),
            ["synthetic_rows"] = rows.Count(r => r.Source == DatasetSource.Synthetic),
        };
        foreach (var (key, value) in lineage ?? new Dictionary<string, object?>()) profile[key] = value;
        return new DatasetInput(
            $"{specialistType}-{context}", hash[..32], "mlflow_artifact",
            JsonSerializer.Serialize(new Dictionary<string, string> { ["uri"] = $"runs:/{run.RunId}/{relativePath}" }),
            Schema, JsonSerializer.Serialize(profile), context);
    }

    /// <summary>SHA-256 (lower-case hex) of the rows in order, one <c>text \t label \t source \n</c> line each: equal rows, equal hash.</summary>
    public static string ContentHash(IReadOnlyList<DatasetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows) sha.AppendData(Encoding.UTF8.GetBytes($"{row.Text}\t{row.Label}\t{DatasetRow.SourceName(row.Source)}\n"));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private const string Schema = """{"mlflow_colspec": [{"type": "string", "name": "text"}, {"type": "string", "name": "label"}, {"type": "string", "name": "source"}]}""";

    private static string TemporaryFile() => Path.Combine(Path.GetTempPath(), $"sentinel-{Guid.NewGuid():N}.parquet");
}
