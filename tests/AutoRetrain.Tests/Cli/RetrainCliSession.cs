using System.Text.Json;
using Sentinel.Adapters.Datasets;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Datasets;
using Sentinel.Testing.Processes;

namespace Sentinel.AutoRetrain.Tests.Cli;

/// <summary>
/// A temporary data directory and the environment <c>sentinel-retrain</c> runs with as a separate process: small
/// datasets and quick MLflow retries; tests add the variables of the servers they start.
/// </summary>
internal sealed class RetrainCliSession : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public RetrainCliSession()
    {
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SENTINEL_DATA_DIR"] = Directory,
            ["DATASET_NUM_SAMPLES"] = "60",
            ["Sentinel__Mlflow__MaxRetryAttempts"] = "1",
            ["Sentinel__Mlflow__RetryBaseDelayMilliseconds"] = "10",
            ["Sentinel__Slack__Retries"] = "0",
            ["Sentinel__Smtp__Retries"] = "0",
            ["Sentinel__Metrics__Retries"] = "0",
        };
    }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "sentinel-retrain-cli-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, string> Environment { get; }

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync("sentinel-retrain", args, Environment, timeout: Timeout);

    /// <summary>Runs with <c>--output-format json</c> and returns the one result with the process's output.</summary>
    public async Task<(CliResult Cli, JsonElement Result)> RunJsonAsync(params string[] args)
    {
        var cli = await RunAsync([.. args, "--output-format", "json"]);
        try
        {
            using var json = JsonDocument.Parse(cli.StandardOutput);
            return (cli, Assert.Single(json.RootElement.GetProperty("results").EnumerateArray()).Clone());
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"the summary is not JSON: {cli}", e);
        }
    }

    /// <summary>Writes a dataset where step 1 writes them, dated <paramref name="writtenAt"/>, for <c>--skip-dataset-generation</c>.</summary>
    public Task WriteDatasetAsync(string type, IReadOnlyList<DatasetRow> rows, DateTimeOffset writtenAt)
    {
        var path = new DatasetStore(Path.Combine(Directory, DatasetStore.DirectoryName)).NewPath(type, writtenAt);
        return ParquetDatasetFile.WriteAsync(path, rows, new Dictionary<string, string> { ["sentinel.provider"] = "test" }, default);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
