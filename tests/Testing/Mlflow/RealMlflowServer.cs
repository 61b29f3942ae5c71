using Sentinel.Testing.Servers;

namespace Sentinel.Testing.Mlflow;

/// <summary>
/// A real MLflow 2.12 tracking server on 127.0.0.1 (SQLite backend store, <c>--serve-artifacts</c> artifact proxy),
/// started by <c>shared/tools/mlflow/mlflow-server.sh</c> in a directory of its own and stopped on dispose: for the
/// tests that must prove what Sentinel writes against the real registry, runs and artifacts.
/// </summary>
public sealed class RealMlflowServer : IAsyncDisposable
{
    private const string InstallHint = "run scripts/install-test-deps.sh (it installs the Debian python3 packages the server runs on)";
    private static readonly string Script = RepositoryPaths.Shared(Path.Combine("tools", "mlflow", "mlflow-server.sh"));

    private RealMlflowServer(string directory, Uri trackingUri)
    {
        Directory = directory;
        TrackingUri = trackingUri;
    }

    /// <summary>The store, the artifacts and <c>mlflow.log</c>.</summary>
    public string Directory { get; }

    public Uri TrackingUri { get; }

    public static async Task<RealMlflowServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sentinel-mlflow-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var output = await ToolScript.RunAsync(Script, ["start", directory], TimeSpan.FromMinutes(2), "No module named", InstallHint);
            var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("MLFLOW_TRACKING_URI=", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"mlflow-server.sh start printed no MLFLOW_TRACKING_URI: {output}");
            return new RealMlflowServer(directory, new Uri(line["MLFLOW_TRACKING_URI=".Length..]));
        }
        catch
        {
            await StopAsync(directory);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(Directory));

    private static async Task StopAsync(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) return;
        await ToolScript.RunAsync(Script, ["stop", directory], TimeSpan.FromMinutes(1));
        System.IO.Directory.Delete(directory, recursive: true);
    }
}
