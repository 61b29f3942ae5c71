using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sentinel.Testing.Servers;

namespace Sentinel.AutoRetrain.Tests.Cli;

/// <summary>
/// <c>bash scripts/demo.sh</c> as a user runs it (README's first command), in a temporary data directory on a free port:
/// its <c>demo:</c> lines must tell Sentinel's story in order — no model, first champions promoted, sentiment degraded by
/// the users' labels, a challenger promoted, the server hot-swapped, sentiment healthy — with every metric strictly
/// between 0 and 1 (offline data is not perfect, users' traffic is not hopeless) and the model server's page answering.
/// </summary>
public sealed class DemoScriptTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sentinel-demo-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task DemoScript_OnEmbeddedDefaults_TellsTheStoryFromNoModelToHealthyAgain()
    {
        var (exitCode, stdout, stderr) = await RunDemoAsync();
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"demo.sh exited {exitCode}\n{stderr}");
        var lines = stdout.Split('\n').Where(l => l.StartsWith("demo: ", StringComparison.Ordinal)).Select(l => l[6..].Trim()).ToList();

        var story = lines.Where(l => l.StartsWith("monitor ", StringComparison.Ordinal) || l.StartsWith("retrain ", StringComparison.Ordinal) || l.StartsWith("serving ", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split(' ').Where(w => !w.Contains('=', StringComparison.Ordinal) || w.StartsWith("status=", StringComparison.Ordinal))))
            .ToList();
        Assert.Equal(
        [
            "monitor sentiment status=unknown", "monitor technical status=unknown",
            "retrain sentiment status=promoted", "retrain technical status=promoted",
            "serving v1",
            "monitor sentiment status=degraded",
            "retrain sentiment status=promoted",
            "serving v2",
            "monitor sentiment status=healthy",
        ], story);

        Assert.Contains("page 200", lines);
        var metrics = lines.Where(l => l.StartsWith("monitor ", StringComparison.Ordinal) || l.StartsWith("retrain ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ').Select(w => w.Split('=')).Where(kv => kv.Length == 2 && kv[0] is not ("status" or "rated") && !kv[0].EndsWith("_rows", StringComparison.Ordinal) && kv[1] != "n/a")
                .Select(kv => (Line: l, Name: kv[0], Value: double.Parse(kv[1], CultureInfo.InvariantCulture))))
            .ToList();
        Assert.True(metrics.Count >= 10, $"{metrics.Count} metrics reported");
        Assert.All(metrics, m => Assert.True(m.Value is > 0 and < 1, $"{m.Name}={m.Value} in '{m.Line}' is not strictly between 0 and 1"));
        // The users' labels, kept with their texts by the model server's defaults, reached the retrain's training set.
        var retrains = lines.Where(l => l.StartsWith("retrain sentiment ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retrains.Count);
        Assert.Contains("previous_rows=0 feedback_rows=0", retrains[0], StringComparison.Ordinal);
        var feedbackRows = int.Parse(retrains[1].Split(' ').Single(w => w.StartsWith("feedback_rows=", StringComparison.Ordinal))[14..], CultureInfo.InvariantCulture);
        var previousRows = int.Parse(retrains[1].Split(' ').Single(w => w.StartsWith("previous_rows=", StringComparison.Ordinal))[14..], CultureInfo.InvariantCulture);
        Assert.True(feedbackRows >= 100 && previousRows > 0, retrains[1]);
        var rated = lines.Where(l => l.StartsWith("monitor sentiment status=degraded", StringComparison.Ordinal)).Select(l => l.Split(' ').Single(w => w.StartsWith("rated=", StringComparison.Ordinal))).Single();
        Assert.True(int.Parse(rated[6..], CultureInfo.InvariantCulture) >= 30, $"the degraded verdict rests on {rated} records, fewer than the monitor's minimum 30");
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunDemoAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("scripts/demo.sh");
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("SENTINEL_", StringComparison.Ordinal) || k.StartsWith("MLFLOW_", StringComparison.Ordinal)
                     || k.StartsWith("MONGODB_", StringComparison.Ordinal) || k.StartsWith("PROMETHEUS_", StringComparison.Ordinal) || k.StartsWith("LLM_", StringComparison.Ordinal)
                     || k.StartsWith("MODEL_", StringComparison.Ordinal) || k.StartsWith("DATASET_", StringComparison.Ordinal) || k.StartsWith("NOTIFICATION_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.Environment["SENTINEL_DATA_DIR"] = _data;
        start.Environment["SENTINEL_DEMO_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["SENTINEL_DEMO_CONFIGURATION"] = configuration;
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Generous: the script builds the three CLIs first (a no-op when the tests' build made them), and a loaded CI
        // machine is slow; the test asserts on the story, never on time.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"demo.sh did not finish\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
