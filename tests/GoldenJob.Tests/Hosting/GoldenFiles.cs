using System.Text.Json;
using Sentinel.Adapters.Datasets;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.GoldenJob.Tests.Hosting;

/// <summary>Golden sets written to a temporary directory, and the scores the served model should get on them.</summary>
public sealed class GoldenFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sentinel-golden-").FullName;

    /// <summary>120 support tickets (40 per label) the model was not trained on.</summary>
    public static IReadOnlyList<DatasetRow> Rows { get; } = SupportRows.Create(perLabel: 40, seed: 99);

    public string WriteJsonl(IEnumerable<DatasetRow> rows, string name = "golden.jsonl") =>
        WriteLines(name, [.. rows.Select(r => JsonSerializer.Serialize(new { text = r.Text, label = r.Label }))]);

    public string WriteLines(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    public async Task<string> WriteParquetAsync(IReadOnlyList<DatasetRow> rows, string name = "golden.parquet")
    {
        var path = Path.Combine(_directory, name);
        await ParquetDatasetFile.WriteAsync(path, rows, new Dictionary<string, string>(), CancellationToken.None);
        return path;
    }

    /// <summary>The report of <paramref name="model"/> run directly (outside the server) on <paramref name="rows"/>.</summary>
    public static ClassificationReport Expected(ModelFiles model, IReadOnlyList<DatasetRow> rows)
    {
        using var classifier = model.Load();
        return ClassificationMetrics.Compute(TrainedModels.Labels, rows.Select(r => (r.Label, classifier.Predict(r.Text).Label)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
