using System.Diagnostics;
using System.Text;

namespace Sentinel.Deploy.Tests.Support;

/// <summary>What a tool printed and how it exited.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"{Command}: exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>
/// Runs the real helm, promtool and amtool. scripts/install-test-deps.sh installs them (helm into .tools/bin, the
/// others from Debian's prometheus and prometheus-alertmanager packages); a missing tool fails the test with that hint.
/// </summary>
internal static class Tools
{
    public static ToolResult Helm(params string[] arguments) => Run("helm", arguments);

    public static ToolResult Promtool(params string[] arguments) => Run("promtool", arguments);

    public static ToolResult Amtool(params string[] arguments) => Run("amtool", arguments);

    public static ToolResult Run(string tool, IEnumerable<string> arguments, string? workingDirectory = null) =>
        Run(tool, arguments, workingDirectory, kubeconfig: null);

    /// <summary>Runs <paramref name="tool"/> against the cluster of <paramref name="kubeconfig"/> (null: no cluster).</summary>
    public static ToolResult Run(string tool, IEnumerable<string> arguments, string? workingDirectory, string? kubeconfig)
    {
        var start = new ProcessStartInfo(tool == "bash" ? "bash" : Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // Keep helm away from the user's repositories, plugins and kube config.
        var home = Path.Combine(Path.GetTempPath(), "sentinel-deploy-tests-helm");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");
        start.Environment["KUBECONFIG"] = kubeconfig ?? Path.Combine(home, "no-kubeconfig");
        // Scripts (the deploy guide's shell blocks) find helm and kubectl where install-test-deps.sh put them.
        start.Environment["PATH"] = Repo.Path(".tools", "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within 120 s");
        }
        return new ToolResult($"{tool} {string.Join(' ', arguments)}", process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate(string tool)
    {
        var local = Repo.Path(".tools", "bin", tool);
        if (File.Exists(local)) return local;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{tool} is not installed: run scripts/install-test-deps.sh (it puts helm in .tools/bin and installs promtool and amtool from Debian)", tool);
    }
}
