using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Online.Mongo;
using Sentinel.Adapters.Feedback.Online.Sqlite;
using Sentinel.Core.Online;
using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Feedback.Online;

public static class OnlineQualityServiceCollectionExtensions
{
    /// <summary>The configuration section bound to <see cref="OnlineQualityThresholds"/>.</summary>
    public const string SectionName = OnlineQualityDefaults.SectionName;

    /// <summary>
    /// Registers <see cref="IOnlineObservations"/>, <see cref="IRecentInputFeatures"/> and <see cref="IPairedObservations"/> beside the feedback store
    /// (MongoDB when <c>MONGODB_URI</c> is set, else <c>{SENTINEL_DATA_DIR}/feedback.db</c>), the thresholds (see
    /// <see cref="AddOnlineQualityThresholds"/>), the champion's baselines read from the tracking store (which the caller
    /// registers), the recorder of the baselines the monitor creates for a champion without one, and <see cref="OnlineQualityMonitor"/>.
    /// </summary>
    public static IServiceCollection AddOnlineQuality(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddFeedbackStore(configuration);
        services.AddOnlineQualityThresholds(configuration);

        if (!string.IsNullOrWhiteSpace(configuration[$"{FeedbackOptions.SectionName}:{nameof(FeedbackOptions.MongoUri)}"]))
        {
            services.TryAddSingleton<IOnlineObservations>(sp => new MongoOnlineObservations(sp.GetRequiredService<MongoFeedbackStore>()));
            services.TryAddSingleton<IRecentInputFeatures>(sp => new MongoRecentInputFeatures(sp.GetRequiredService<MongoFeedbackStore>()));
            services.TryAddSingleton<IPairedObservations>(sp => new MongoPairedObservations(sp.GetRequiredService<MongoFeedbackStore>()));
        }
        else
        {
            var path = Path.Combine(SeedEnvironment.DataDirectory(configuration), FeedbackServiceCollectionExtensions.SqliteFileName);
            services.TryAddSingleton<IOnlineObservations>(_ => new SqliteOnlineObservations(path));
            services.TryAddSingleton<IRecentInputFeatures>(_ => new SqliteRecentInputFeatures(path));
            services.TryAddSingleton<IPairedObservations>(_ => new SqlitePairedObservations(path));
        }
        services.TryAddTransient<IBaselineSource, TrackingBaselineSource>();
        services.TryAddTransient<IBaselineRecorder, TrackingBaselineSource>();
        services.TryAddTransient<IDriftReferenceStore, TrackingBaselineSource>();
        services.TryAddTransient<ChampionBaselines>();
        services.TryAddTransient<OnlineQualityMonitor>();
        return services;
    }

    /// <summary>
    /// Binds <see cref="OnlineQualityThresholds"/> from <c>Sentinel:OnlineQuality</c>, validated at start-up with
    /// <see cref="OnlineQualityThresholds.Problems"/>: the monitor judges with them and AutoRetrain sizes the reference
    /// sample of input features with <see cref="OnlineQualityThresholds.ReferenceSize"/>.
    /// </summary>
    private static IServiceCollection AddOnlineQualityThresholds(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OnlineQualityThresholds>()
            .Bind(configuration.GetSection(SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnlineQualityThresholds>, OnlineQualityThresholdsValidator>());
        return services;
    }
}

/// <summary>Fails start-up with every problem of the <c>Sentinel:OnlineQuality</c> thresholds, each naming its key.</summary>
internal sealed class OnlineQualityThresholdsValidator : IValidateOptions<OnlineQualityThresholds>
{
    public ValidateOptionsResult Validate(string? name, OnlineQualityThresholds options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{OnlineQualityServiceCollectionExtensions.SectionName}:{p}"));
    }
}
