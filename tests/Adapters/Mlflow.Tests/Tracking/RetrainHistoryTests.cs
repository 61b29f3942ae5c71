namespace Sentinel.Adapters.Mlflow.Tests.Tracking;

public sealed class RetrainHistoryTests
{
    public static TheoryData<string, string[], double?> Cases => RetrainHistoryCases.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GetLastRetrainStart_Table_CountsFinishedAndRecentRunningRuns(string name, string[] runs, double? expectedHours)
    {
        using var s = new StoreScope();
        var experimentId = await s.Store.GetOrCreateExperimentAsync("fraud-specialist", StoreScope.Ct);
        await RetrainHistoryCases.SeedAsync(s.Store, experimentId, runs, StoreScope.Ct);

        var last = await s.Store.GetLastRetrainStartAsync("fraud-specialist", RetrainHistoryCases.CutOff, StoreScope.Ct);

        Assert.True(RetrainHistoryCases.Expected(expectedHours) == last, $"{name}: {last:u}, expected {RetrainHistoryCases.Expected(expectedHours):u}");
    }

    [Fact]
    public async Task GetLastRetrainStart_NoExperiment_IsNull()
    {
        using var s = new StoreScope();

        Assert.Null(await s.Store.GetLastRetrainStartAsync("fraud-specialist", RetrainHistoryCases.CutOff, StoreScope.Ct));
    }
}
