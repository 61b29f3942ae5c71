using Xunit;

namespace Sentinel.Testing.Mlflow;

/// <summary>
/// One real MLflow 2.12 tracking server for the tests of a collection (each test project declares its own collection
/// over it); each test uses experiment and model names of its own, so they can share it.
/// </summary>
public sealed class RealMlflowFixture : IAsyncLifetime
{
    public RealMlflowServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await RealMlflowServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}
