using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Feedback;

namespace Sentinel.Adapters.Feedback.Tests;

/// <summary>The contract on a real SQLite file in a temporary directory, plus what is particular to SQLite.</summary>
public sealed class SqliteFeedbackStoreTests : FeedbackStoreContractTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sentinel-feedback-").FullName;

    private string DatabasePath => Path.Combine(_directory, "data", "feedback.db");

    protected override ValueTask<IFeedbackStore> CreateStoreAsync() => ValueTask.FromResult<IFeedbackStore>(new SqliteFeedbackStore(DatabasePath));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task InsertMany_MissingDirectory_CreatesDatabaseFileInWalMode()
    {
        await Store.InsertManyAsync([FeedbackSamples.Record(rating: 0.5, at: Since)], Ct);

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task GetStatistics_QueryPlan_ReadsOnlyTheSpecialistCreatedAtIndex()
    {
        await Store.InsertManyAsync([FeedbackSamples.Record(rating: 0.5, at: Since)], Ct);

        var plan = await ScalarAsync("EXPLAIN QUERY PLAN " + SqliteFeedbackSchema.Statistics.Replace("$", ":", StringComparison.Ordinal), 3);

        Assert.Contains("SEARCH feedback USING COVERING INDEX ix_feedback_specialist_created_at_version (specialist_type=? AND created_at>? AND created_at<?)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatistics_SecondStoreOnSameFile_SeesTheSameFeedback()
    {
        await Store.InsertManyAsync([FeedbackSamples.Record(rating: 0.9, at: Since)], Ct);
        using var reopened = new SqliteFeedbackStore(DatabasePath);

        var stats = await reopened.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(new FeedbackStatistics(1, 1, 0.9, 1, 0, 0, 0, MeanSquaredRating: 0.9 * 0.9), stats);
    }

    private async Task<string> ScalarAsync(string sql, int column = 0)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return reader.GetString(column);
    }
}
