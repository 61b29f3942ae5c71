using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Feedback.Predictions;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Rollout;
using Sentinel.Core.Tracking;
using Sentinel.ModelServer.Apis;
using Sentinel.ModelServer.Feedback;
using Sentinel.ModelServer.Inference;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Models;
using Sentinel.ModelServer.Predictions;
using Sentinel.ModelServer.Rollout;

namespace Sentinel.ModelServer.Configuration;

/// <summary>The model server's composition: services in <see cref="AddModelServer"/>, the HTTP pipeline in <see cref="MapModelServer"/>.</summary>
public static class ModelServerBuilderExtensions
{
    public static WebApplicationBuilder AddModelServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddSeedEnvironment();
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<ModelServerOptions>().BindConfiguration(ModelServerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelServerOptions>, ModelServerOptionsValidator>());
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ModelServerOptions>>((kestrel, o) => kestrel.Limits.MaxRequestBodySize = o.Value.MaxRequestBodyBytes);
        services.TryAddSingleton(TimeProvider.System);

        // The registry: a store registered before this call wins; otherwise MLflow when MLFLOW_TRACKING_URI is set
        // (its calls are counted as sentinel_mlflow_requests_total on /metrics), else the local tracking store.
        if (!services.Any(d => d.ServiceType == typeof(ITrackingStore))) services.AddTrackingStore(configuration);
        services.AddPredictionLog(configuration);
        services.AddSingleton<IModelSource>(sp => CreateModelSource(sp, configuration));

        services.TryAddSingleton(Prometheus.Metrics.DefaultRegistry);
        services.AddSingleton(sp => new ModelServerMetrics(sp.GetRequiredService<CollectorRegistry>(), sp.GetRequiredService<IOptions<ModelServerOptions>>().Value.SpecialistType));
        services.AddSingleton<ModelHolder>();
        services.AddSingleton<ModelRefresher>();
        services.AddSingleton<ChallengerSlot>();
        services.AddSingleton(sp => new ChallengerRefresher(CreateChallengerSource(sp, configuration), sp.GetRequiredService<ChallengerSlot>(),
            sp.GetRequiredService<ModelHolder>(), sp.GetRequiredService<ModelServerMetrics>(), sp.GetRequiredService<IOptions<ModelServerOptions>>(),
            sp.GetRequiredService<ILogger<ChallengerRefresher>>()));
        services.AddHostedService<ModelRefreshService>();
        services.TryAddSingleton<RolloutRouter>();
        services.AddSingleton<OffPathBuffer>();
        services.AddHostedService<OffPathScorer>();
        services.AddSingleton<PredictionLogBuffer>();
        services.AddSingleton<RecentPredictions>();
        services.AddSingleton<InputFeatureSampler>();
        services.AddSingleton<PredictionService>();
        services.AddSingleton<FeedbackService>();
        services.AddHostedService<PredictionLogWriter>();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ModelServerJson.Default);
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.NameTheBody);
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapModelServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        var metrics = app.Services.GetRequiredService<ModelServerMetrics>();
        var queue = app.Services.GetRequiredService<PredictionLogBuffer>();
        registry.AddBeforeCollectCallback(() => metrics.QueueLength.Set(queue.Reader.Count));
        TellTextRetention(app);

        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        app.MapPredictionApi();
        app.MapFeedbackApi();
        app.MapHealthApi();
        app.MapMetrics("/metrics", registry);
        return app;
    }

    /// <summary>Says at start-up where prediction texts are kept, and that <c>LOG_PREDICTION_TEXT</c> is on its way out when it is set.</summary>
    private static void TellTextRetention(WebApplication app)
    {
        var o = app.Services.GetRequiredService<IOptions<ModelServerOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModelServerBuilderExtensions).FullName!);
        var retention = TextRetentions.Name(o.EffectiveTextRetention);
        Log.TextRetentionInEffect(logger, o.SpecialistType, retention);
        if (o.LogPredictionText is not null) Log.LogPredictionTextDeprecated(logger, retention);
    }

    private static IModelSource CreateModelSource(IServiceProvider services, IConfiguration configuration)
    {
        var o = services.GetRequiredService<IOptions<ModelServerOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(o.ModelPath))
            return new FileModelSource(o.ModelPath, o.EffectiveRegisteredModel, o.ModelVersion);
        return new TrackingModelSource(services.GetRequiredService<ITrackingStore>(), Cache(o, configuration), o.EffectiveRegisteredModel, o.Alias, o.RequireChecksum);
    }

    /// <summary>The registry's <c>challenger</c> alias of the served model; none when a model file is served (no registry to name one).</summary>
    private static TrackingModelSource? CreateChallengerSource(IServiceProvider services, IConfiguration configuration)
    {
        var o = services.GetRequiredService<IOptions<ModelServerOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(o.ModelPath)) return null;
        return new TrackingModelSource(services.GetRequiredService<ITrackingStore>(), Cache(o, configuration), o.EffectiveRegisteredModel, RolloutTags.ChallengerAlias, o.RequireChecksum);
    }

    private static ModelCache Cache(ModelServerOptions o, IConfiguration configuration) => new(string.IsNullOrWhiteSpace(o.CacheDirectory)
        ? Path.Combine(SeedEnvironment.DataDirectory(configuration), "model-cache")
        : o.CacheDirectory);
}
