using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
using Sentinel.Adapters.Hosting.State;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Monitoring;
using Sentinel.MonitorJob.Cli;
using Sentinel.MonitorJob.Monitoring;

namespace Sentinel.MonitorJob.Composition;

/// <summary>The monitor's composition root: the shared CLI host (<see cref="CliHost"/>) and the adapters each setting selects.</summary>
public static class MonitorHost
{
    /// <param name="time">The clock (the system clock unless given): tests stand days later to see reminders fall due.</param>
    public static IHost Build(MonitorArguments arguments, Func<string, string?> environment, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = CliHost.CreateBuilder("sentinel-monitor", arguments.Verbose, environment);
        if (time is not null) builder.Services.AddSingleton(time);
        if (arguments.ExportMetrics is { } url)
            builder.Configuration.AddInMemoryCollection([new("Sentinel:Metrics:PushgatewayUrl", url.ToString())]);

        var configuration = builder.Configuration;
        builder.Services.AddTrackingStore(configuration);
        builder.Services.AddFeedbackStore(configuration);
        builder.Services.AddOnlineQuality(configuration);
        builder.Services.AddSentinelMetrics(configuration);
        builder.Services.AddSentinelNotifications(configuration);
        if (ClusterTarget.FromEnvironment(environment) is { } cluster)
        {
            // In a cluster the last evaluation lives in the SpecialistModel's status, where the operator reads it.
            builder.Services.AddSentinelKubernetes();
            builder.Services.AddSingleton<IEvaluationHistory>(sp =>
                new KubernetesEvaluationHistory(sp.GetRequiredService<k8s.IKubernetes>(), cluster.Namespace, cluster.SpecialistResource));
        }
        else
        {
            builder.Services.AddSingleton<IEvaluationHistory>(new FileEvaluationHistory(SeedEnvironment.DataDirectory(configuration)));
        }
        builder.Services.AddTransient<SpecialistMonitor>();
        // The refresher records a refreshed reference in the evaluation history, which only the monitor has.
        builder.Services.AddTransient<DriftReferenceRefresher>();
        builder.Services.AddTransient<RolloutMonitor>();
        builder.Services.AddTransient<RolloutRegistry>();
        builder.Services.AddTransient<RollbackGuard>();
        builder.Services.AddTransient<RolloutStep>();
        builder.Services.AddTransient<MonitorRun>();
        builder.Services.AddTransient<OnlineSignalsMonitor>();
        builder.Services.AddTransient<OnlineSignalsRun>();
        return builder.Build();
    }
}
