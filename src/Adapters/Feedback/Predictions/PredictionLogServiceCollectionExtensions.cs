using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Predictions;

public static class PredictionLogServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPredictionLog"/> beside the feedback store (and the feedback store itself, see
    /// <see cref="FeedbackServiceCollectionExtensions.AddFeedbackStore"/>): collection <c>predictions</c> of the same
    /// MongoDB database when <c>MONGODB_URI</c> is set, else table <c>predictions</c> of <c>{SENTINEL_DATA_DIR}/feedback.db</c>.
    /// </summary>
    public static IServiceCollection AddPredictionLog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddFeedbackStore(configuration);
        if (!string.IsNullOrWhiteSpace(configuration[$"{FeedbackOptions.SectionName}:{nameof(FeedbackOptions.MongoUri)}"]))
        {
            services.TryAddSingleton<IPredictionLog, MongoPredictionLog>();
        }
        else
        {
            var path = Path.Combine(SeedEnvironment.DataDirectory(configuration), FeedbackServiceCollectionExtensions.SqliteFileName);
            services.TryAddSingleton<IPredictionLog>(_ => new SqlitePredictionLog(path));
        }
        return services;
    }
}
