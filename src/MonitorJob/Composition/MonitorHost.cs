using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Configuration;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Metrics;
using Sentinel.Adapters.Notifications;
using Sentinel.Adapters.State;
using Sentinel.Adapters.Tracking;
using Sentinel.Core.Monitoring;
using Sentinel.MonitorJob.Cli;
using Sentinel.MonitorJob.Monitoring;

namespace Sentinel.MonitorJob.Composition;

/// <summary>The monitor's composition root: configuration, logging to stderr, and the adapters each setting selects.</summary>
public static class MonitorHost
{
    public static IHost Build(MonitorArguments arguments, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "sentinel-monitor",
        });
        builder.Configuration.AddSeedEnvironment(environment);
        if (arguments.ExportMetrics is { } url)
            builder.Configuration.AddInMemoryCollection([new("Sentinel:Metrics:PushgatewayUrl", url.ToString())]);

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(arguments.Verbose ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        // Sentinel's adapters log their own retries in one line; Polly's telemetry (with stack traces) only with --verbose.
        builder.Logging.AddFilter("Polly", arguments.Verbose ? LogLevel.Debug : LogLevel.None);
        if (string.Equals(environment("SENTINEL_LOG_FORMAT"), "json", StringComparison.OrdinalIgnoreCase))
            builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.UseUtcTimestamp = true; });
        else
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = false; o.TimestampFormat = "HH:mm:ss "; o.UseUtcTimestamp = true; });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        var configuration = builder.Configuration;
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTrackingStore(configuration);
        builder.Services.AddFeedbackStore(configuration);
        builder.Services.AddSentinelMetrics(configuration);
        builder.Services.AddSentinelNotifications(configuration);
        builder.Services.AddSingleton<IEvaluationHistory>(new FileEvaluationHistory(SeedEnvironment.DataDirectory(configuration)));
        builder.Services.AddTransient<SpecialistMonitor>();
        builder.Services.AddTransient<MonitorRun>();
        return builder.Build();
    }
}
