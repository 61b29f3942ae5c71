using System.Diagnostics;
using System.Text.Json;
using Sentinel.Testing.Servers;

namespace Sentinel.Testing.Mlflow;

/// <summary>
/// A real MLflow 2.12 tracking server on 127.0.0.1 (SQLite backend store, <c>--serve-artifacts</c> artifact proxy),
/// started by <c>shared/tools/mlflow/mlflow-server.sh</c> in a directory of its own and stopped on dispose: for the
/// tests that must prove what Sentinel writes against the real registry, runs and artifacts.
/// </summary>
public sealed class RealMlflowServer : IAsyncDisposable
{
    private const string InstallHint = "run scripts/install-test-deps.sh (it installs the Debian python3 packages the server and the onnx checks run on)";
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

    /// <summary>
    /// Loads <paramref name="modelUri"/> (<c>models:/NAME@ALIAS</c>, <c>models:/NAME/VERSION</c>) with MLflow's own Python
    /// client (<c>tests/servers/mlflow/describe_model.py</c>: <c>mlflow.onnx.load_model</c>, <c>mlflow.models.get_model_info</c>)
    /// and returns what it printed; throws with its output when it fails.
    /// </summary>
    public async Task<JsonDocument> DescribeModelAsync(string modelUri)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "servers", "mlflow", "describe_model.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(modelUri);
        start.Environment["PYTHONPATH"] = Path.Combine(Directory, "src");
        start.Environment["MLFLOW_TRACKING_URI"] = TrackingUri.ToString();
        start.Environment["GIT_PYTHON_REFRESH"] = "quiet";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"describe_model.py {modelUri} did not finish within 2 minutes: {await stderr}");
        }
        var (output, errors) = (await stdout, await stderr);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (process.ExitCode != 0 || last is null || !last.StartsWith('{'))
        {
            var hint = errors.Contains("No module named 'onnx'", StringComparison.Ordinal) ? "; " + InstallHint : "";
            throw new InvalidOperationException($"describe_model.py {modelUri} exited {process.ExitCode}: {errors}{output}{hint}");
        }
        return JsonDocument.Parse(last);
    }

    public ValueTask DisposeAsync() => new(StopAsync(Directory));

    private static async Task StopAsync(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) return;
        await ToolScript.RunAsync(Script, ["stop", directory], TimeSpan.FromMinutes(1));
        System.IO.Directory.Delete(directory, recursive: true);
    }
}
