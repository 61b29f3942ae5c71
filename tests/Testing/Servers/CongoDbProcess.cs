using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sentinel.Testing.Servers;

/// <summary>
/// One running <c>node tests/servers/congodb/server.mjs 0</c>: the server picks a free port and announces it
/// on its first line. Disposing closes its standard input (it stops itself) and kills it if it lingers.
/// </summary>
public sealed partial class CongoDbProcess : IAsyncDisposable
{
    private const string InstallHint = "run scripts/install-test-deps.sh to install Node.js and the CongoDB test server";

    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private CongoDbProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's directory, <c>tests/servers/congodb</c>.</summary>
    public static string ServerDirectory => Path.Combine(RepositoryPaths.Root, "tests", "servers", "congodb");

    public static async Task<CongoDbProcess> StartAsync(TimeSpan readinessTimeout)
    {
        var directory = ServerDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@push.rocks", "smartmongo")))
            throw new InvalidOperationException($"The CongoDB test server is not installed in {directory}: {InstallHint}.");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("server.mjs");
        start.ArgumentList.Add("0");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"node did not start; {InstallHint}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"node was not found on PATH; {InstallHint}.", ex);
        }

        var server = new CongoDbProcess(process, await ReadPortAsync(process, readinessTimeout));
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._errors) server._errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>What the server wrote to standard error so far (for failing tests' messages).</summary>
    public string Errors
    {
        get { lock (_errors) return _errors.ToString(); }
    }

    private static async Task<int> ReadPortAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                var match = ReadinessLine().Match(line);
                if (match.Success) return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The CongoDB test server did not report readiness within {timeout.TotalSeconds} s.");
        }
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        throw new InvalidOperationException(
            $"The CongoDB test server exited with code {process.ExitCode} before it was ready ({InstallHint} if a module is missing): {errors.Trim()}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    [GeneratedRegex(@"^congodb listening on 127\.0\.0\.1:(\d+)$")]
    private static partial Regex ReadinessLine();
}
