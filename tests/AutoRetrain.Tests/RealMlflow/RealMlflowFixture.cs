using Sentinel.Testing.Mlflow;

namespace Sentinel.AutoRetrain.Tests.RealMlflow;

/// <summary>One real MLflow 2.12 tracking server for the tests of this collection; each test uses its own experiment and registered model.</summary>
public sealed class RealMlflowFixture : IAsyncLifetime
{
    public RealMlflowServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await RealMlflowServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedMlflowServer : ICollectionFixture<RealMlflowFixture>
{
    public const string Name = "real MLflow server";
}
