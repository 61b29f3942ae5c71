using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentinel.Adapters.Configuration;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Hosting;
using Sentinel.Adapters.Metrics;
using Sentinel.Adapters.Monitoring;
using Sentinel.Adapters.Notifications;
using Sentinel.Adapters.Tracking;
using Sentinel.AutoRetrain.Cli;
using Sentinel.AutoRetrain.Flow;

namespace Sentinel.AutoRetrain.Composition;

/// <summary>The retrain's composition root: the shared CLI host (<see cref="CliHost"/>), the adapters each setting selects, and the flow.</summary>
public static class RetrainHost
{
    public static IHost Build(RetrainArguments arguments, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = CliHost.CreateBuilder("sentinel-retrain", arguments.Verbose, environment);
        var configuration = builder.Configuration;
        builder.Services.AddTrackingStore(configuration);
        builder.Services.AddFeedbackStore(configuration);
        builder.Services.AddSentinelMetrics(configuration);
        builder.Services.AddSentinelNotifications(configuration);
        builder.Services.AddSentinelLearning();
        builder.Services.AddSentinelRetrainFlow(SeedEnvironment.DataDirectory(configuration));
        builder.Services.AddTransient<SpecialistMonitor>();
        return builder.Build();
    }
}
