using System.Globalization;
using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Online.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using Sentinel.Core.Rollout;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>The contract on the embedded feedback database file; rows written through the prediction log, as the model server writes them.</summary>
public sealed class SqlitePairedObservationsTests : PairedObservationsContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sentinel-paired-" + Guid.NewGuid().ToString("N"));
    private string _path = "";
    private SqlitePredictionLog? _log;
    private SqliteFeedbackStore? _feedback;
    private SqlitePairedObservations? _observations;

    protected override IFeedbackStore Feedback => _feedback!;

    protected override IPairedObservations Observations => _observations!;

    public override ValueTask InitializeAsync()
    {
        _path = Path.Combine(_directory, "feedback.db");
        _log = new SqlitePredictionLog(_path);
        _feedback = new SqliteFeedbackStore(_path);
        _observations = new SqlitePairedObservations(_path);
        return ValueTask.CompletedTask;
    }

    protected override Task AddServedAsync(string id, string version, string label, string? role, DateTimeOffset at, string specialist = Specialist, string? source = null) =>
        _log!.InsertManyAsync([Record(id, specialist, version, label, role, at) with { Source = source }], Ct);

    // Written through the prediction log, as the model server writes them: off-path roles go to shadow_predictions.
    protected override Task AddShadowAsync(string id, string role, string version, string label, DateTimeOffset at, string specialist = Specialist) =>
        _log!.InsertManyAsync([Record(id, specialist, version, label, role, at)], Ct);

    private static PredictionRecord Record(string id, string specialist, string version, string label, string? role, DateTimeOffset at) => new()
    {
        PredictionId = id, SpecialistType = specialist, ModelVersion = version, Label = label, Confidence = 0.9,
        Scores = [new LabelScore(label, 0.9)], Role = role, CreatedAt = at,
    };

    [Fact]
    public async Task Aggregate_FileWrittenBeforeRolesExisted_GainsTheRoleColumnAndTheShadowTable()
    {
        using var observations = new SqlitePairedObservations(Path.Combine(_directory, "fresh.db"));

        var result = await observations.AggregateAsync(new PairedWindow(Specialist, Champion, Challenger, Since, Until), Ct);

        Assert.Empty(result.Pairs);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "fresh.db")}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM pragma_table_info('predictions') WHERE name = 'role') + (SELECT COUNT(*) FROM sqlite_master WHERE name = 'shadow_predictions')";
        Assert.Equal(2L, Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture));
    }

    public override async ValueTask DisposeAsync()
    {
        _log?.Dispose();
        _feedback?.Dispose();
        _observations?.Dispose();
        SqliteConnection.ClearAllPools();
        await base.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
