using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Mlflow.Tests.Tracking;
using Sentinel.Core.Retraining;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>Which retrain runs hold the cooldown, read through runs/search against the MLflow double.</summary>
public sealed class MlflowRetrainHistoryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private MlflowServerDouble _server = null!;
    private MlflowTestHost _host = null!;

    public static TheoryData<string, string[], double?> Cases => RetrainHistoryCases.Cases;

    private ITrackingStore Store => _host.Store;

    private IRetrainHistory History => _host.Services.GetRequiredService<IRetrainHistory>();

    public async ValueTask InitializeAsync()
    {
        _server = await MlflowServerDouble.StartAsync();
        _host = new MlflowTestHost(_server.BaseUri);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GetLastRetrainStart_Table_CountsFinishedAndRecentRunningRuns(string name, string[] runs, double? expectedHours)
    {
        var experimentId = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        await RetrainHistoryCases.SeedAsync(Store, experimentId, runs, Ct);

        var last = await History.GetLastRetrainStartAsync("fraud-specialist", RetrainHistoryCases.CutOff, Ct);

        Assert.True(RetrainHistoryCases.Expected(expectedHours) == last, $"{name}: {last:u}, expected {RetrainHistoryCases.Expected(expectedHours):u}");
    }

    [Fact]
    public async Task GetLastRetrainStart_NoExperiment_IsNullWithoutSearching()
    {
        Assert.Null(await History.GetLastRetrainStartAsync("fraud-specialist", RetrainHistoryCases.CutOff, Ct));
        Assert.Equal(0, _server.CountRequests("/api/2.0/mlflow/runs/search"));
    }
}
