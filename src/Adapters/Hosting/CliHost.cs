using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sentinel.Adapters.Hosting.Configuration;

namespace Sentinel.Adapters.Hosting;

/// <summary>
/// The host every Sentinel CLI starts from: configuration from the seed's environment variables
/// (<see cref="SeedEnvironment"/>), logs on stderr (one line each, or JSON with <c>SENTINEL_LOG_FORMAT=json</c>)
/// so stdout carries only the report, Debug level with <c>--verbose</c>.
/// </summary>
public static class CliHost
{
    public static HostApplicationBuilder CreateBuilder(string applicationName, bool verbose, Func<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationName);
        ArgumentNullException.ThrowIfNull(environment);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = applicationName,
        });
        builder.Configuration.AddSeedEnvironment(environment);

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Http", LogLevel.Warning);
        // Sentinel's adapters log their own retries in one line; Polly's telemetry (with stack traces) only with --verbose.
        builder.Logging.AddFilter("Polly", verbose ? LogLevel.Debug : LogLevel.None);
        var format = LogFormat(environment("SENTINEL_LOG_FORMAT"));
        if (format == "json")
            builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.UseUtcTimestamp = true; });
        else
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = false; o.TimestampFormat = "HH:mm:ss "; o.UseUtcTimestamp = true; });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary><c>text</c> (also when unset) or <c>json</c>; anything else is refused rather than silently ignored.</summary>
    public static string LogFormat(string? value)
    {
        var format = string.IsNullOrWhiteSpace(value) ? "text" : value.Trim().ToLowerInvariant();
        return format is "text" or "json"
            ? format
            : throw new ArgumentException($"environment: SENTINEL_LOG_FORMAT '{value}' is not a log format; set it to text (one line per entry, the default) or json (JSON lines)");
    }
}
