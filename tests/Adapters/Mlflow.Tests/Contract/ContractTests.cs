using Sentinel.Testing.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests.Contract;

/// <summary>The contract against the in-process MLflow double (a fresh one per test).</summary>
public sealed class DoubleTrackingStoreContractTests : TrackingStoreContract
{
    private MlflowServerDouble? _server;

    protected override async Task<Uri> ServerAsync() => (_server ??= await MlflowServerDouble.StartAsync()).BaseUri;

    protected override async ValueTask StopAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>The contract against the real MLflow 2.12 tracking server (<c>shared/tools/mlflow</c>), shared by the collection.</summary>
[Collection(SharedRealMlflow.Name)]
public sealed class RealMlflowTrackingStoreContractTests(RealMlflowFixture mlflow) : TrackingStoreContract
{
    protected override Task<Uri> ServerAsync() => Task.FromResult(mlflow.Server.TrackingUri);
}

[CollectionDefinition(Name)]
public sealed class SharedRealMlflow : ICollectionFixture<RealMlflowFixture>
{
    public const string Name = "real MLflow server (contract)";
}
