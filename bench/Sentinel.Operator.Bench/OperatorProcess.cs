using System.Diagnostics;
using System.Globalization;

namespace Sentinel.Operator.Bench;

/// <summary>
/// The operator started as its own process (<c>dotnet sentinel-operator.dll</c>) against a kubeconfig, with leader
/// election off unless the caller's settings turn it on; its output is drained and counted, and its memory read from
/// <c>/proc/&lt;pid&gt;/status</c>.
/// </summary>
internal sealed class OperatorProcess : IDisposable
{
    /// <summary>The <c>DOTNET_GCgen0size</c> of src/Operator/Dockerfile.</summary>
    public const string GenerationZeroSize = "0x400000";

    private static readonly string[] InheritedPrefixes = ["SENTINEL_", "Sentinel__", "KUBERNETES_", "ASPNETCORE_", "DOTNET_gc", "DOTNET_GC"];
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _tail = new();
    private long _outputLines;

    private OperatorProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public long OutputLines => Interlocked.Read(ref _outputLines);

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the operator printed, to show why it stopped early.</summary>
    public string Tail => string.Join('\n', _tail);

    public static OperatorProcess Start(string dll, string kubeconfig, bool? serverGc, int? workers = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var key in start.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            start.Environment.Remove(key);
        start.Environment["KUBECONFIG"] = kubeconfig;
        // As the operator's image sets it (src/Operator/Dockerfile): the gen0 budget, else sized from the CPU's cache.
        start.Environment["DOTNET_GCgen0size"] = GenerationZeroSize;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Sentinel__Operator__MonitorImage"] = "registry.example.com/sentinel-monitor:1.0";
        start.Environment["Sentinel__Operator__RetrainImage"] = "registry.example.com/sentinel-retrain:1.0";
        start.Environment["Sentinel__Operator__GoldenImage"] = "registry.example.com/sentinel-golden:1.0";
        start.Environment["Sentinel__Operator__LeaderElection__Enabled"] = "false";

        if (serverGc is { } gc) start.Environment["DOTNET_gcServer"] = gc ? "1" : "0";
        if (workers is { } n) start.Environment["Sentinel__Operator__Workers"] = n.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var result = new OperatorProcess(process);
        process.OutputDataReceived += (_, e) => result.Count(e.Data);
        process.ErrorDataReceived += (_, e) => result.Count(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"could not start dotnet {dll}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>A field of <c>/proc/&lt;pid&gt;/status</c> in MiB: <c>VmHWM</c> (peak resident set) or <c>VmRSS</c> (current).</summary>
    public double MemoryMiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            var kb = line[(field.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
        }
        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field} line; the operator process may have exited");
    }

    /// <summary>Sends a POSIX signal (<c>TERM</c> for a graceful shutdown, as the kubelet does first; <c>KILL</c> for a crash).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not run kill");
        await kill.WaitForExitAsync().ConfigureAwait(false);
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {_process.Id} exited with {kill.ExitCode}");
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public async Task StopAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    public void Dispose() => _process.Dispose();

    private void Count(string? line)
    {
        if (line is null) return;
        Interlocked.Increment(ref _outputLines);
        _tail.Enqueue(line);
        while (_tail.Count > 20) _tail.TryDequeue(out _);
    }
}
