using System.CommandLine;
using Sentinel.Adapters.Hosting;

namespace Sentinel.MonitorJob.Cli;

/// <summary>The <c>sentinel-monitor</c> command line (flags keep the seed's spelling).</summary>
public static class MonitorCommand
{
    private static readonly Option<string> SpecialistType = new("--specialist-type")
    {
        Description = "Specialist to evaluate (its type or resource name), or 'all'.",
        DefaultValueFactory = _ => "all",
    };

    private static readonly Option<string> Format = new("--output-format")
    {
        Description = "Report format: text or json.",
        DefaultValueFactory = _ => "text",
    };

    private static readonly Option<string?> ExportMetrics = new("--export-metrics")
    {
        Description = "Push metrics to this Prometheus Pushgateway URL (default: PROMETHEUS_PUSHGATEWAY_URL; none = no push).",
    };

    private static readonly Option<string[]> Specs = new("--spec")
    {
        Description = "SpecialistModel YAML file or directory (repeatable). Default: the manifest in SENTINEL_SPECIALIST_SPEC (set by the operator), else SENTINEL_SPECS, else the specialists embedded in Sentinel.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> Channels = new("--notification-channels")
    {
        Description = "Comma-separated channels for degradation alerts: console, slack, email (default: NOTIFICATION_CHANNELS, else the spec's).",
    };

    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Debug logs and stack traces on errors." };

    private static readonly Option<bool> FailOnDegraded = new("--fail-on-degraded")
    {
        Description = $"Exit with code {ExitCodes.Degraded} when a specialist is degraded (for scripts).",
    };

    private static readonly Option<string> SignalsOption = new("--signals")
    {
        Description = "What to compute: 'all' (the full evaluation, alerts included) or 'online' (drift, confidence and online metrics only, written to status.onlineSignals; no alerts). The operator runs 'online' on spec.onlineQuality.schedule.",
        DefaultValueFactory = _ => "all",
    };

    public static RootCommand Create()
    {
        Format.OneOf("text", "json");
        SignalsOption.OneOf("all", "online");
        var root = new RootCommand("Sentinel monitor: scores specialists from MLflow metrics and feedback, reports degradation, exports metrics.")
        {
            SpecialistType, Format, ExportMetrics, Specs, Channels, Verbose, FailOnDegraded, SignalsOption,
        };
        return root;
    }

    /// <summary>Reads the parsed values; an invalid value becomes a <see cref="ArgumentException"/> naming the flag.</summary>
    public static MonitorArguments Read(ParseResult result, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(environment);

        Uri? export = null;
        var exportText = result.GetValue(ExportMetrics);
        if (!string.IsNullOrWhiteSpace(exportText) && (!Uri.TryCreate(exportText, UriKind.Absolute, out export) || export.Scheme is not ("http" or "https")))
            throw new ArgumentException($"--export-metrics: '{exportText}' is not an http(s) URL; use e.g. http://prometheus-pushgateway:9091");

        var specPaths = result.GetValue(Specs) ?? [];

        var type = result.GetValue(SpecialistType)!.Trim();
        if (type.Length == 0) throw new ArgumentException("--specialist-type: give a specialist type or 'all'");

        return new MonitorArguments
        {
            SpecialistType = type,
            OutputFormat = result.GetValue(Format) == "json" ? OutputFormat.Json : OutputFormat.Text,
            ExportMetrics = export,
            SpecPaths = specPaths,
            NotificationChannels = result.GetValue(Channels)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Verbose = result.GetValue(Verbose),
            FailOnDegraded = result.GetValue(FailOnDegraded),
            Signals = result.GetValue(SignalsOption) == "online" ? Signals.Online : Signals.All,
        };
    }
}
