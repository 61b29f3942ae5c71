using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Online.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Tests.Predictions;

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

    [Fact]
    public async Task Open_FileOfAnOlderVersion_AddsTheSourceColumnOnceAndKeepsItsRows()
    {
        var path = Path.Combine(_directory, "old.db");
        Directory.CreateDirectory(_directory);
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await old.OpenAsync(Ct);
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE predictions (id INTEGER PRIMARY KEY, prediction_id TEXT NOT NULL UNIQUE, specialist_type TEXT NOT NULL,
                    model_version TEXT NOT NULL, label TEXT NOT NULL, confidence REAL NOT NULL, scores TEXT NOT NULL, text TEXT NULL,
                    created_at INTEGER NOT NULL);
                INSERT INTO predictions (prediction_id, specialist_type, model_version, label, confidence, scores, created_at)
                VALUES ('old-1', 'support', '6', 'outage', 0.6, '[{"label":"outage","score":0.6}]', 1740000000000);
                """;
            await create.ExecuteNonQueryAsync(Ct);
        }

        using (var upgraded = new SqlitePredictionLog(path))
        {
            var before = await upgraded.FindAsync("old-1", Ct);
            Assert.Equal(("outage", (string?)null), (before!.Label, before.Source));
            await upgraded.InsertManyAsync([Record("new-1") with { Source = TrafficSources.Golden }], Ct);
        }
        using var again = new SqlitePredictionLog(path);
        using var online = new SqliteOnlineObservations(path);

        Assert.Equal(TrafficSources.Golden, (await again.FindAsync("new-1", Ct))!.Source);
        Assert.Equal(1, (await online.AggregateAsync(new OnlineWindow("support", DateTimeOffset.FromUnixTimeMilliseconds(1740000000000), DateTimeOffset.FromUnixTimeMilliseconds(1740000000000).AddDays(30)), Ct)).Predictions);
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync(Ct);
        await using var columns = check.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('predictions') WHERE name = 'source'";
        Assert.Equal(1L, await columns.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task InsertMany_OffPathScores_GoToShadowPredictionsOncePerIdAndRole()
    {
        var at = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);
        PredictionRecord[] batch =
        [
            Record("s1"),
            Record("s1", label: "praise.v2") with { Role = PredictionRoles.Challenger, ModelVersion = "8", Text = "not stored", Features = new(10, [1], [1f]) },
            Record("s2") with { Role = PredictionRoles.Canary, ModelVersion = "8" },
            Record("s2") with { Role = PredictionRoles.ChampionShadow },
        ];
        await Log.InsertManyAsync(batch, Ct);
        await Log.InsertManyAsync(batch, Ct);

        var rows = await ReadAsync("SELECT prediction_id, role, specialist_type, model_version, label, confidence, scores, created_at FROM shadow_predictions ORDER BY prediction_id");
        Assert.Equal(
        [
            ["s1", "challenger", "support", "8", "praise.v2", 0.75, """[{"label":"billing","score":0.05},{"label":"outage","score":0.2},{"label":"praise.v2","score":0.75}]""", at.ToUnixTimeMilliseconds()],
            ["s2", "champion_shadow", "support", "7", "billing", 0.75, """[{"label":"billing","score":0.75},{"label":"outage","score":0.2},{"label":"praise.v2","score":0.05}]""", at.ToUnixTimeMilliseconds()],
        ], rows);
        var served = await ReadAsync("SELECT prediction_id, role FROM predictions ORDER BY prediction_id");
        Assert.Equal([["s1", DBNull.Value], ["s2", "canary"]], served);
    }

    [Fact]
    public async Task Open_FileWithoutTheRoleColumn_AddsItAndTheShadowTableAndKeepsItsRowsAsTheChampions()
    {
        var path = Path.Combine(_directory, "before-rollouts.db");
        Directory.CreateDirectory(_directory);
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await old.OpenAsync(Ct);
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE predictions (id INTEGER PRIMARY KEY, prediction_id TEXT NOT NULL UNIQUE, specialist_type TEXT NOT NULL,
                    model_version TEXT NOT NULL, label TEXT NOT NULL, confidence REAL NOT NULL, scores TEXT NOT NULL, text TEXT NULL,
                    created_at INTEGER NOT NULL, features TEXT NULL, source TEXT NULL);
                INSERT INTO predictions (prediction_id, specialist_type, model_version, label, confidence, scores, created_at)
                VALUES ('old-1', 'support', '6', 'outage', 0.6, '[{"label":"outage","score":0.6}]', 1740000000000);
                """;
            await create.ExecuteNonQueryAsync(Ct);
        }

        using (var upgraded = new SqlitePredictionLog(path))
        {
            Assert.Null((await upgraded.FindAsync("old-1", Ct))!.Role);
            await upgraded.InsertManyAsync(
            [
                Record("new-1") with { Role = PredictionRoles.Canary, CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1740000000001) },
                Record("new-1") with { Role = PredictionRoles.ChampionShadow, CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1740000000001) },
            ], Ct);
            Assert.Equal(PredictionRoles.Canary, (await upgraded.FindAsync("new-1", Ct))!.Role);
        }
        using var online = new SqliteOnlineObservations(path);
        var window = new OnlineWindow("support", DateTimeOffset.FromUnixTimeMilliseconds(1740000000000), DateTimeOffset.FromUnixTimeMilliseconds(1740000000000).AddDays(1));

        Assert.Equal(1, (await online.AggregateAsync(window, Ct)).Predictions);
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync(Ct);
        await using var columns = check.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('predictions') WHERE name = 'role'";
        Assert.Equal(1L, await columns.ExecuteScalarAsync(Ct));
        columns.CommandText = "SELECT COUNT(*) FROM shadow_predictions";
        Assert.Equal(1L, await columns.ExecuteScalarAsync(Ct));
    }

    private async Task<List<object[]>> ReadAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "feedback.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
