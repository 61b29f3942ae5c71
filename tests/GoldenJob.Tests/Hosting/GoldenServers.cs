using Sentinel.ModelServer.Tests.Hosting;
using Sentinel.Testing.Servers;

namespace Sentinel.GoldenJob.Tests.Hosting;

/// <summary>
/// What a golden run talks to, fresh for each test class: the real model server serving <see cref="TrainedModels.V1"/>
/// (version <c>v1</c>, specialist <c>support</c>) on a 127.0.0.1 socket with its own data directory, and a real Pushgateway.
/// </summary>
public sealed class GoldenServers(TrainedModels models) : IAsyncLifetime
{
    public TrainedModels Models => models;
    public ModelServerFactory ModelServer { get; private set; } = null!;
    public Uri ModelServerUrl { get; private set; } = null!;
    public PushgatewayServer Pushgateway { get; private set; } = null!;

    /// <summary>The model server's embedded database: its prediction log and feedback.</summary>
    public string DatabasePath => Path.Combine(ModelServer.DataDirectory, "feedback.db");

    public async ValueTask InitializeAsync()
    {
        ModelServer = ModelServerFactory.ForFile(models.V1, new() { ["Sentinel:ModelServer:ModelVersion"] = "v1" });
        ModelServerUrl = ModelServer.StartOnLoopback();
        using (var client = new HttpClient { BaseAddress = ModelServerUrl })
            await ModelServer.WaitUntilReadyAsync(client);
        Pushgateway = await PushgatewayServer.StartAsync();
    }

    /// <summary>The variables the operator's CronJob sets, pointing at these servers and <paramref name="goldenSetPath"/>.</summary>
    public Dictionary<string, string> Environment(string goldenSetPath) => new(StringComparer.Ordinal)
    {
        ["GOLDEN_SET_PATH"] = goldenSetPath,
        ["MODEL_SERVER_URL"] = ModelServerUrl.ToString(),
        ["SPECIALIST_TYPE"] = ModelServerFactory.Specialist,
        ["PROMETHEUS_PUSHGATEWAY_URL"] = Pushgateway.Url.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        if (Pushgateway is not null) await Pushgateway.DisposeAsync();
        if (ModelServer is not null) await ModelServer.DisposeAsync();
    }
}
