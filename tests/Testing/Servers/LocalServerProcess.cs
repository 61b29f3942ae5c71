using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sentinel.Testing.Servers;

/// <summary>A server process started for a test on 127.0.0.1: free port, captured output, stopped on dispose.</summary>
public sealed class LocalServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="fileName"/> with the arguments <paramref name="arguments"/> builds for a free port.</summary>
    public static LocalServerProcess Start(string fileName, Func<int, IEnumerable<string>> arguments, IDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var port = FreePort();
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments(port)) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var server = new LocalServerProcess(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <paramref name="ready"/> until it is true; fails with the process output when it exits or time runs out.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode}: {Output}");
            if (await ready()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{_process.StartInfo.FileName} was not ready on port {Port} after {timeout}: {Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
