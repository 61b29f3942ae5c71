using Sentinel.Core.Drift;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Tests.Predictions;

/// <summary>What every <see cref="IPredictionLog"/> must do; each store's test class supplies a fresh, empty log.</summary>
public abstract class PredictionLogContractTests : IAsyncLifetime
{
    private IPredictionLog? _log;

    protected IPredictionLog Log => _log ?? throw new InvalidOperationException("log not created");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract ValueTask<IPredictionLog> CreateLogAsync();

    public async ValueTask InitializeAsync() => _log = await CreateLogAsync();

    public virtual ValueTask DisposeAsync()
    {
        (_log as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public static PredictionRecord Record(string id, string? text = null, string label = "billing") => new()
    {
        PredictionId = id,
        SpecialistType = "support",
        ModelVersion = "7",
        Label = label,
        Confidence = 0.75,
        Scores = [new LabelScore("billing", label == "billing" ? 0.75 : 0.05), new LabelScore("outage", 0.2), new LabelScore("praise.v2", label == "billing" ? 0.05 : 0.75)],
        Text = text,
        CreatedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 891, TimeSpan.Zero),
    };

    [Fact]
    public async Task Find_AfterInsert_ReturnsTheRecordAsWritten()
    {
        var written = Record("a1", text: "my invoice");
        await Log.InsertManyAsync([written, Record("a2")], Ct);

        var found = await Log.FindAsync("a1", Ct);

        Assert.NotNull(found);
        Assert.Equal(written with { Scores = found.Scores }, found);
        Assert.Equal(written.Scores, found.Scores);
    }

    [Fact]
    public async Task Find_SampledFeatures_ReadsTheSameVector()
    {
        var features = FeatureHasher.Default.Transform("Refund my invoice, please: charged twice!");
        await Log.InsertManyAsync([Record("f1") with { Features = features }, Record("f2")], Ct);

        var found = await Log.FindAsync("f1", Ct);

        Assert.NotNull(found?.Features);
        Assert.Equal(features.Dimension, found.Features.Dimension);
        Assert.Equal(features.Indices.ToArray(), found.Features.Indices.ToArray());
        Assert.Equal(features.Values.ToArray(), found.Features.Values.ToArray());
        Assert.Null((await Log.FindAsync("f2", Ct))!.Features);
    }

    [Fact]
    public async Task Find_TextNotLogged_ReadsAsNull()
    {
        await Log.InsertManyAsync([Record("b1")], Ct);

        Assert.Null((await Log.FindAsync("b1", Ct))!.Text);
    }

    [Fact]
    public async Task Find_UnknownId_IsNull()
    {
        await Log.InsertManyAsync([Record("c1")], Ct);

        Assert.Null(await Log.FindAsync("nope", Ct));
    }

    [Fact]
    public async Task InsertMany_InvalidRecord_WritesNothingAndNamesTheField()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Log.InsertManyAsync([Record("d1"), Record("d2") with { Confidence = 1.5 }], Ct));

        Assert.Equal("records[1].Confidence", error.ParamName);
        Assert.Null(await Log.FindAsync("d1", Ct));
    }

    [Fact]
    public async Task Find_GoldenSource_ReadsBackAsGoldenAndProductionAsNull()
    {
        await Log.InsertManyAsync([Record("g1") with { Source = TrafficSources.Golden }, Record("g2")], Ct);

        Assert.Equal(TrafficSources.Golden, (await Log.FindAsync("g1", Ct))!.Source);
        Assert.Null((await Log.FindAsync("g2", Ct))!.Source);
    }

    [Fact]
    public async Task InsertMany_UnknownSource_WritesNothingAndNamesTheField()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Log.InsertManyAsync([Record("s1"), Record("s2") with { Source = "canary" }], Ct));

        Assert.Equal("records[1].Source", error.ParamName);
        Assert.Null(await Log.FindAsync("s1", Ct));
    }

    [Fact]
    public async Task InsertMany_Empty_IsANoOp()
    {
        await Log.InsertManyAsync([], Ct);

        Assert.Null(await Log.FindAsync("anything", Ct));
    }

    [Fact]
    public async Task Find_CanaryAndChampion_ReadsTheRoleBackAndTheChampionsAsNull()
    {
        await Log.InsertManyAsync(
        [
            Record("r1") with { Role = PredictionRoles.Canary, ModelVersion = "8" },
            Record("r2"),
            Record("r3") with { Role = PredictionRoles.Champion },
        ], Ct);

        var canary = await Log.FindAsync("r1", Ct);
        Assert.Equal((PredictionRoles.Canary, "8"), (canary!.Role, canary.ModelVersion));
        Assert.Null((await Log.FindAsync("r2", Ct))!.Role);
        Assert.Null((await Log.FindAsync("r3", Ct))!.Role);
    }

    [Fact]
    public async Task Find_OffPathScoreOfTheSameId_ReturnsTheServedPrediction()
    {
        await Log.InsertManyAsync(
        [
            Record("o1") with { Role = PredictionRoles.Challenger, ModelVersion = "8", Label = "outage" },
            Record("o1"),
            Record("o2") with { Role = PredictionRoles.ChampionShadow },
        ], Ct);

        var served = await Log.FindAsync("o1", Ct);

        Assert.Equal(("7", "billing", (string?)null), (served!.ModelVersion, served.Label, served.Role));
        Assert.Null(await Log.FindAsync("o2", Ct));
    }

    [Fact]
    public async Task InsertMany_UnknownRole_WritesNothingAndNamesTheField()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Log.InsertManyAsync([Record("u1"), Record("u2") with { Role = "shadow" }], Ct));

        Assert.Equal("records[1].Role", error.ParamName);
        Assert.Contains("role", error.Message, StringComparison.Ordinal);
        Assert.Null(await Log.FindAsync("u1", Ct));
    }
}
