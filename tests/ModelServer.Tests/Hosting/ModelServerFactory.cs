using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Sentinel.ModelServer.Tests.Hosting;

/// <summary>
/// The model server in memory (or on a real Kestrel socket after <c>UseKestrel(0)</c>), with its own data directory,
/// its own metrics registry and the given settings (configuration keys such as <c>Sentinel:ModelServer:ModelPath</c>).
/// </summary>
public sealed class ModelServerFactory : WebApplicationFactory<Program>
{
    public const string Specialist = "support";

    private readonly Dictionary<string, string?> _settings;

    public ModelServerFactory(Dictionary<string, string?>? settings = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "sentinel-modelserver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sentinel:DataDirectory"] = DataDirectory,
            ["Sentinel:ModelServer:SpecialistType"] = Specialist,
            ["Sentinel:ModelServer:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    public string DataDirectory { get; }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>A server serving the model file of <paramref name="model"/>.</summary>
    public static ModelServerFactory ForFile(ModelFiles model, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["Sentinel:ModelServer:ModelPath"] = model.ModelPath };
        return new ModelServerFactory(all);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton(Registry));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>Starts the server on a real Kestrel socket on 127.0.0.1 (a free port) and returns its address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("the server did not report its address");
        return new Uri(addresses.First());
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (a model is loaded).</summary>
    public async Task WaitUntilReadyAsync(HttpClient client, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the model server was not ready within {timeout ?? TimeSpan.FromSeconds(30)}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
