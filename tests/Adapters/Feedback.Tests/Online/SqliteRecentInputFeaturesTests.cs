using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Online.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>The contract on the embedded feedback database file, and the upgrade of a file written before features were logged.</summary>
public sealed class SqliteRecentInputFeaturesTests : RecentInputFeaturesContractTests
{
    /// <summary>The <c>predictions</c> table as Sentinel created it before the <c>features</c> column.</summary>
    private const string TableWithoutFeatures = """
        CREATE TABLE predictions (
            id INTEGER PRIMARY KEY, prediction_id TEXT NOT NULL UNIQUE, specialist_type TEXT NOT NULL,
            model_version TEXT NOT NULL, label TEXT NOT NULL, confidence REAL NOT NULL, scores TEXT NOT NULL,
            text TEXT NULL, created_at INTEGER NOT NULL);
        CREATE INDEX ix_predictions_specialist_created_at ON predictions (specialist_type, created_at);
        INSERT INTO predictions (prediction_id, specialist_type, model_version, label, confidence, scores, text, created_at)
        VALUES ('old-1', 'support', '3', 'billing', 0.9, '[{"label":"billing","score":0.9}]', NULL, 1740790800000);
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sentinel-features-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "feedback.db");

    protected override ValueTask<(IPredictionLog, IRecentInputFeatures)> CreateStoresAsync() =>
        ValueTask.FromResult<(IPredictionLog, IRecentInputFeatures)>((new SqlitePredictionLog(DatabasePath), new SqliteRecentInputFeatures(DatabasePath)));

    private string OldFile()
    {
        var path = Path.Combine(_directory, "old", "feedback.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TableWithoutFeatures;
        command.ExecuteNonQuery();
        return path;
    }

    private static List<string> Columns(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('predictions')";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    [Fact]
    public async Task PredictionLog_FileWithoutTheFeaturesColumn_IsUpgradedAndKeepsItsRows()
    {
        var path = OldFile();
        using var log = new SqlitePredictionLog(path);

        await log.InsertManyAsync([Prediction(1, Since.AddHours(1))], Ct);

        Assert.Contains("features", Columns(path));
        var old = await log.FindAsync("old-1", Ct);
        Assert.NotNull(old);
        Assert.Null(old.Features);
        Assert.Equal("billing", old.Label);
        Assert.Equal(Vector(1).Indices.ToArray(), (await log.FindAsync("p1", Ct))!.Features!.Indices.ToArray());
    }

    [Fact]
    public async Task Newest_FileWithoutTheFeaturesColumn_IsUpgradedByTheReaderToo()
    {
        var path = OldFile();
        using var features = new SqliteRecentInputFeatures(path);

        var vectors = await features.NewestAsync(new OnlineWindow(Specialist, Since, Until), 10, Ct);

        Assert.Empty(vectors);
        Assert.Contains("features", Columns(path));
    }

    [Fact]
    public async Task Upgrade_RunTwiceByTwoStores_AddsTheColumnOnce()
    {
        var path = OldFile();
        using var first = new SqliteRecentInputFeatures(path);
        using var second = new SqlitePredictionLog(path);

        await Task.WhenAll(
            first.NewestAsync(new OnlineWindow(Specialist, Since, Until), 10, Ct),
            second.InsertManyAsync([Prediction(2, Since.AddHours(2))], Ct));

        Assert.Single(Columns(path), c => c == "features");
        AssertVectors([2], await first.NewestAsync(new OnlineWindow(Specialist, Since, Until), 10, Ct));
    }

    [Fact]
    public async Task Newest_Query_WalksThePartialIndexOfSampledPredictions()
    {
        await Predictions.InsertManyAsync([Prediction(1, Since.AddHours(1))], Ct);
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqlitePredictionSchema.NewestFeatures;
        foreach (var name in new[] { "$specialist_type", "$model_version", "$since", "$until", "$limit" })
            command.Parameters.AddWithValue(name, name == "$model_version" ? DBNull.Value : name == "$specialist_type" ? Specialist : 0);
        var plan = new List<string>();
        using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) plan.Add(reader.GetString(3));

        Assert.Contains(plan, step => step.Contains("ix_predictions_features_specialist_created_at", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
