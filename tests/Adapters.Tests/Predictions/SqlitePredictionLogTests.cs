using Sentinel.Adapters.Predictions.Sqlite;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Tests.Predictions;

public sealed class SqlitePredictionLogTests : PredictionLogContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sentinel-predictions-" + Guid.NewGuid().ToString("N"));

    protected override ValueTask<IPredictionLog> CreateLogAsync() =>
        ValueTask.FromResult<IPredictionLog>(new SqlitePredictionLog(Path.Combine(_directory, "feedback.db")));

    [Fact]
    public async Task InsertMany_SameIdTwice_KeepsTheFirst()
    {
        await Log.InsertManyAsync([Record("e1", label: "billing")], Ct);

        await Log.InsertManyAsync([Record("e1", label: "outage")], Ct);

        Assert.Equal("billing", (await Log.FindAsync("e1", Ct))!.Label);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
