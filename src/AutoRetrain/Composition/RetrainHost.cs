using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Hosting;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Adapters.Metrics;
using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Adapters.Notifications;
using Sentinel.Adapters.Feedback.Online;
using Sentinel.Core.Online;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.AutoRetrain.Cli;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Retraining;

namespace Sentinel.AutoRetrain.Composition;

/// <summary>The retrain's composition root: the shared CLI host (<see cref="CliHost"/>), the adapters each setting selects, and the flow.</summary>
public static class RetrainHost
{
    public static IHost Build(RetrainArguments arguments, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = CliHost.CreateBuilder("sentinel-retrain", arguments.Verbose, environment);
        if (ClusterTarget.FromEnvironment(environment) is { RetrainRun: not null } cluster && !arguments.DryRun)
        {
            // Run by the operator for a RetrainRun: its status shows the phase and the outcome.
            builder.Services.AddSentinelKubernetes();
            builder.Services.AddSingleton(cluster);
            builder.Services.AddSingleton<IRetrainProgress, RetrainRunProgress>();
        }
        builder.Services.AddRetrainServices(builder.Configuration, arguments.DryRun);
        return builder.Build();
    }

    /// <summary>
    /// Everything a retrain uses: tracking store, feedback store, metrics, notifications, dataset generation and
    /// training, the monitor's evaluation with its online signals (the decision reads the online retrain triggers) and
    /// the flow. With <paramref name="dryRun"/>, absent embedded stores read as empty instead of being created.
    /// </summary>
    public static IServiceCollection AddRetrainServices(this IServiceCollection services, IConfiguration configuration, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddTrackingStore(configuration);
        services.AddFeedbackStore(configuration);
        services.AddSentinelMetrics(configuration);
        services.AddSentinelNotifications(configuration);
        services.AddSentinelLearning();
        services.AddSentinelRetrainFlow(SeedEnvironment.DataDirectory(configuration));
        if (dryRun) services.AddSingleton<IBaselineRecorder, DryRunBaselineRecorder>();
        services.AddOnlineQuality(configuration);
        services.AddTransient<SpecialistMonitor>();
        services.TryAddSingleton<IRetrainProgress, UntrackedRetrainProgress>();
        if (dryRun) AbsentLocalStores.Register(services, configuration);
        return services;
    }
}
