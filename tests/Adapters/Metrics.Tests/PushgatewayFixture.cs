using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Metrics.Tests;

/// <summary>One real Pushgateway shared by the tests of a class; tests use distinct specialists or jobs.</summary>
public sealed class PushgatewayFixture : IAsyncLifetime
{
    private PushgatewayServer? _server;

    public PushgatewayServer Server => _server ?? throw new InvalidOperationException("the Pushgateway has not started");

    public async ValueTask InitializeAsync() => _server = await PushgatewayServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
