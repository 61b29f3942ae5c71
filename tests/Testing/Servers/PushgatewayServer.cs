namespace Sentinel.Testing.Servers;

/// <summary>
/// A real Prometheus Pushgateway (Debian <c>prometheus-pushgateway</c>) on 127.0.0.1 with no persistence,
/// ready when <c>/-/ready</c> answers 200.
/// </summary>
public sealed class PushgatewayServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-pushgateway";

    private readonly LocalServerProcess _process;
    private readonly HttpClient _http;

    private PushgatewayServer(LocalServerProcess process)
    {
        _process = process;
        Url = new Uri($"http://127.0.0.1:{process.Port}");
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
    }

    public Uri Url { get; }

    public static async Task<PushgatewayServer> StartAsync()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} is missing; run scripts/install-test-deps.sh");
        var process = LocalServerProcess.Start(Binary, port => [$"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]);
        var server = new PushgatewayServer(process);
        try
        {
            await process.WaitUntilAsync(server.IsReadyAsync, TimeSpan.FromSeconds(15));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Pushgateway's <c>/metrics</c> page, parsed.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync() =>
        PrometheusText.Parse(await _http.GetStringAsync(new Uri("metrics", UriKind.Relative)));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
