using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Feedback;

namespace Sentinel.Adapters.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>The embedded store's file name inside the data directory.</summary>
    public const string SqliteFileName = "feedback.db";

    /// <summary>
    /// Registers <see cref="IFeedbackStore"/>: MongoDB when <c>Sentinel:Feedback:MongoUri</c> (<c>MONGODB_URI</c>) is set,
    /// else the embedded SQLite file <c>{SENTINEL_DATA_DIR}/feedback.db</c>. Options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddFeedbackStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<FeedbackOptions>()
            .Bind(configuration.GetSection(FeedbackOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeedbackOptions>, FeedbackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        if (!string.IsNullOrWhiteSpace(configuration[$"{FeedbackOptions.SectionName}:{nameof(FeedbackOptions.MongoUri)}"]))
        {
            services.TryAddSingleton<MongoFeedbackStore>();
            services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<MongoFeedbackStore>());
        }
        else
        {
            var path = Path.Combine(SeedEnvironment.DataDirectory(configuration), SqliteFileName);
            services.TryAddSingleton<IFeedbackStore>(_ => new SqliteFeedbackStore(path));
        }
        return services;
    }
}
