using System.Text.Json;

namespace Sentinel.Testing.Servers;

/// <summary>A message the SMTP server accepted: the envelope and the DATA exactly as received.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, string? AuthenticatedUser, byte[] Content);

/// <summary>
/// A real SMTP server (Debian <c>python3-aiosmtpd</c>, script <c>tests/servers/smtp/smtp_sink.py</c>) on
/// 127.0.0.1 that stores each accepted message in a temporary directory. Optionally requires AUTH,
/// refuses recipients named <c>unknown…</c> with 550, and fails the first N DATA commands with 451.
/// </summary>
public sealed class SmtpSinkServer : IAsyncDisposable
{
    /// <summary>Debian's interpreter, which has aiosmtpd; another one may be on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    private readonly LocalServerProcess _process;

    private SmtpSinkServer(LocalServerProcess process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    public string Host => "127.0.0.1";
    public int Port => _process.Port;
    public string Directory { get; }

    public static async Task<SmtpSinkServer> StartAsync(string? user = null, string? password = null, int failFirst = 0)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "servers", "smtp", "smtp_sink.py");
        if (!File.Exists(script)) throw new InvalidOperationException($"{script} is missing from the test output");
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} is missing; run scripts/install-test-deps.sh");
        var directory = System.IO.Directory.CreateTempSubdirectory("sentinel-smtp-").FullName;
        var process = LocalServerProcess.Start(Python, port =>
        {
            var args = new List<string> { script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", directory,
                "--fail-first", failFirst.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (user is not null) args.AddRange(["--user", user, "--password", password ?? string.Empty]);
            return args;
        }, new Dictionary<string, string> { ["PYTHONWARNINGS"] = "ignore", ["PYTHONUNBUFFERED"] = "1" });
        var server = new SmtpSinkServer(process, directory);
        try
        {
            await process.WaitUntilAsync(() => Task.FromResult(process.Output.Contains("READY", StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The messages stored so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Messages() =>
        new DirectoryInfo(Directory).GetFiles("*.json")
            .OrderBy(f => f.LastWriteTimeUtc)
            .Select(Read)
            .ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages are stored.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count) return messages;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the SMTP server stored {messages.Count} of {count} messages within {timeout}: {_process.Output}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static ReceivedMail Read(FileInfo meta)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(meta.FullName));
        var root = json.RootElement;
        var content = File.ReadAllBytes(Path.ChangeExtension(meta.FullName, ".eml"));
        return new ReceivedMail(
            root.GetProperty("mail_from").GetString() ?? string.Empty,
            [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString() ?? string.Empty)],
            root.GetProperty("auth_user").GetString(),
            content);
    }
}
