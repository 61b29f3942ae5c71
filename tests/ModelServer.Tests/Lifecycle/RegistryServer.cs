using System.Net.Http.Json;
using System.Text.Json;
using Sentinel.ModelServer.Inference;
using Sentinel.ModelServer.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Sentinel.ModelServer.Tests.Lifecycle;

/// <summary>A server loading the champion from the local registry of its own data directory.</summary>
internal sealed class RegistryServer : IAsyncDisposable
{
    private RegistryServer(ModelServerFactory factory)
    {
        Factory = factory;
        Publisher = new RegistryPublisher(factory.DataDirectory);
        Client = factory.CreateClient();
    }

    public ModelServerFactory Factory { get; }
    public RegistryPublisher Publisher { get; }
    public HttpClient Client { get; }
    public ModelHolder Holder => Factory.Services.GetRequiredService<ModelHolder>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A server over an empty registry (publish with <see cref="Publisher"/>; the server polls every 200 ms).</summary>
    public static RegistryServer Start(Dictionary<string, string?>? settings = null) => new(new ModelServerFactory(settings));

    /// <summary>Waits until the server says it serves <paramref name="version"/>.</summary>
    public async Task WaitForVersionAsync(string version, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (await ServedVersionAsync() != version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"version {version} was not served in time (serving {await ServedVersionAsync() ?? "none"})");
            await Task.Delay(25, Ct);
        }
    }

    public async Task<string?> ServedVersionAsync()
    {
        using var response = await Client.GetAsync("/health/ready", Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.Object
            ? model.GetProperty("version").GetString()
            : null;
    }

    /// <summary>The value of a sample line of <c>/metrics</c> (0 when absent).</summary>
    public async Task<double> MetricAsync(string series)
    {
        var text = await Client.GetStringAsync("/metrics", Ct);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="series"/> reaches at least <paramref name="value"/>.</summary>
    public async Task WaitForMetricAsync(string series, double value)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await MetricAsync(series) < value)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{series} did not reach {value} in time");
            await Task.Delay(25, Ct);
        }
    }

    public async Task<JsonDocument> PredictAsync(string text)
    {
        using var response = await Client.PostAsJsonAsync("/predict", new { text }, Ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
