namespace Sentinel.ModelServer.Tests.Hosting;

/// <summary>One server per test class, serving <see cref="TrainedModels.V1"/> from its file, ready before the first test.</summary>
public sealed class FileModelServer(TrainedModels models) : IAsyncLifetime
{
    public ModelServerFactory Factory { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public TrainedModels Models => models;

    public async ValueTask InitializeAsync()
    {
        Factory = ModelServerFactory.ForFile(models.V1, new()
        {
            ["Sentinel:ModelServer:ModelVersion"] = "v1",
            ["Sentinel:ModelServer:PredictionTextRetention"] = "all",
            ["Sentinel:ModelServer:MaxTextLength"] = "200",
            ["Sentinel:ModelServer:MaxBatchSize"] = "5",
            ["Sentinel:ModelServer:MaxRequestBodyBytes"] = "4096",
        });
        Client = Factory.CreateClient();
        await Factory.WaitUntilReadyAsync(Client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
