using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Feedback.Mongo;

namespace Sentinel.Adapters.Feedback.Tests;

/// <summary>Builds <see cref="MongoFeedbackStore"/>s for tests.</summary>
internal static class MongoStores
{
    public static MongoFeedbackStore Create(string uri, string database, TestMeterFactory meters, Action<FeedbackOptions>? configure = null)
    {
        var options = new FeedbackOptions { MongoUri = uri, Database = database };
        configure?.Invoke(options);
        return new MongoFeedbackStore(Options.Create(options), NullLogger<MongoFeedbackStore>.Instance, meters, TimeProvider.System);
    }
}
