using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Feedback.Online.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>The contract on the embedded feedback database file.</summary>
public sealed class SqliteOnlineObservationsTests : OnlineObservationsContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sentinel-online-" + Guid.NewGuid().ToString("N"));

    protected override ValueTask<(IPredictionLog, IFeedbackStore, IOnlineObservations)> CreateStoresAsync()
    {
        var path = Path.Combine(_directory, "feedback.db");
        return ValueTask.FromResult<(IPredictionLog, IFeedbackStore, IOnlineObservations)>(
            (new SqlitePredictionLog(path), new SqliteFeedbackStore(path), new SqliteOnlineObservations(path)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
