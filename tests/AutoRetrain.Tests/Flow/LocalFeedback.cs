using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Datasets;
using Sentinel.Core.Feedback;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>Feedback written where a local retrain reads it: the feedback database in its data directory.</summary>
internal static class LocalFeedback
{
    /// <summary>Users' labels on <paramref name="version"/>'s predictions of <paramref name="rows"/>' texts (the text kept with the feedback), newest first.</summary>
    public static async Task AddLabelsAsync(string dataDirectory, string type, string version, IReadOnlyList<DatasetRow> rows)
    {
        Directory.CreateDirectory(dataDirectory);
        using var store = new SqliteFeedbackStore(Path.Combine(dataDirectory, "feedback.db"));
        var now = DateTimeOffset.UtcNow;
        await store.InsertManyAsync(
            [.. rows.Select((r, i) => new FeedbackRecord
            {
                SpecialistType = type, PredictionId = $"l-{version}-{i}", TrueLabel = r.Label, Text = r.Text, ModelVersion = version, CreatedAt = now.AddSeconds(-1 - i),
            })], default);
    }
}
