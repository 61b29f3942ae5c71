using System.Diagnostics;
using System.Text;

namespace Sentinel.Testing.Processes;

/// <summary>What a CLI run printed and how it exited.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>
/// Runs one of Sentinel's CLIs as a separate process, the way a user or a CronJob runs it: <c>dotnet
/// &lt;assembly&gt;.dll args…</c> with a controlled environment (the caller's variables that Sentinel reads
/// are removed first, so the host's settings never leak into a test).
/// </summary>
public static class CliProcess
{
    private static readonly string[] SentinelPrefixes = ["SENTINEL_", "MLFLOW_", "MONGODB_", "PROMETHEUS_", "SLACK_", "SMTP_", "EMAIL_", "LLM_", "NOTIFICATION_", "DATASET_", "OPENAI_", "ANTHROPIC_", "GOLDEN_", "MODEL_", "SPECIALIST_"];

    /// <summary>
    /// Runs <paramref name="assemblyName"/> from its own project's build output (<c>src/&lt;project&gt;/bin/&lt;configuration&gt;/net10.0</c>,
    /// the configuration of the running tests), so it loads exactly the dependencies it was built with.
    /// </summary>
    public static async Task<CliResult> RunAsync(string assemblyName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var dll = Locate(assemblyName);

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => SentinelPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))
                     || k.EndsWith("_THRESHOLD", StringComparison.Ordinal) || k == "KUBERNETES_SERVICE_HOST").ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{assemblyName} {string.Join(' ', arguments)} did not finish in time\n{await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate(string assemblyName)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var candidates = Directory.EnumerateDirectories(Path.Combine(Servers.RepositoryPaths.Root, "src"))
            .Select(project => Path.Combine(project, "bin", configuration, "net10.0", assemblyName + ".dll"))
            .Where(File.Exists)
            .ToList();
        return candidates.Count == 1
            ? candidates[0]
            : throw new FileNotFoundException($"{assemblyName}.dll not found under src/*/bin/{configuration}/net10.0; reference the CLI project from the test project so it is built first");
    }
}
