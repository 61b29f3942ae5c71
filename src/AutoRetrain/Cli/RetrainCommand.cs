using System.CommandLine;
using Sentinel.Adapters.Hosting;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Cli;

/// <summary>The <c>sentinel-retrain</c> command line (flags keep the seed's spelling).</summary>
public static class RetrainCommand
{
    private static readonly Option<string> SpecialistType = new("--specialist-type")
    {
        Description = "Specialist to retrain (its type or resource name), or 'all'.",
        DefaultValueFactory = _ => "all",
    };

    private static readonly Option<bool> Force = new("--force") { Description = "Retrain even when healthy or within the cooldown." };

    private static readonly Option<bool> ForcePromote = new("--force-promote")
    {
        Description = "Promote the challenger even when the promotion rule refuses it (thresholds, margin, significance); recorded as forced.",
    };

    private static readonly Option<bool> SkipGeneration = new("--skip-dataset-generation")
    {
        Description = "Train on the newest dataset in {SENTINEL_DATA_DIR}/datasets/<type>/ instead of generating one.",
    };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Decide and print the plan; write nothing anywhere." };

    private static readonly Option<string?> Channels = new("--notification-channels")
    {
        Description = "Comma-separated channels for the outcome: console, slack, email (default: NOTIFICATION_CHANNELS, else the spec's).",
    };

    private static readonly Option<string[]> Specs = new("--spec")
    {
        Description = "SpecialistModel YAML file or directory (repeatable). Default: the manifest in SENTINEL_SPECIALIST_SPEC (set by the operator), else SENTINEL_SPECS, else the specialists embedded in Sentinel.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string> Format = new("--output-format")
    {
        Description = "Summary format: text or json.",
        DefaultValueFactory = _ => "text",
    };

    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Debug logs and stack traces on errors." };

    public static RootCommand Create()
    {
        Format.OneOf("text", "json");
        return new RootCommand("Sentinel auto-retrain: generate a dataset, merge feedback, train, compare with the champion, promote, notify.")
        {
            SpecialistType, Force, ForcePromote, SkipGeneration, DryRun, Channels, Specs, Format, Verbose,
        };
    }

    /// <summary>Reads the parsed values; an invalid value becomes an <see cref="ArgumentException"/> naming the flag.</summary>
    public static RetrainArguments Read(ParseResult result, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(environment);
        var type = result.GetValue(SpecialistType)!.Trim();
        if (type.Length == 0) throw new ArgumentException("--specialist-type: give a specialist type or 'all'");

        var specPaths = result.GetValue(Specs) ?? [];

        var channels = result.GetValue(Channels)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (channels is not null)
        {
            if (channels.Length == 0) throw new ArgumentException("--notification-channels: give at least one of console, slack, email");
            foreach (var c in channels.Where(c => !SpecResolver.Channels.Contains(c)))
                throw new ArgumentException($"--notification-channels: '{c}' is not a channel; use a comma-separated list of {string.Join(", ", SpecResolver.Channels)}");
        }

        return new RetrainArguments
        {
            SpecialistType = type,
            Force = result.GetValue(Force),
            ForcePromote = result.GetValue(ForcePromote),
            SkipDatasetGeneration = result.GetValue(SkipGeneration),
            DryRun = result.GetValue(DryRun),
            NotificationChannels = channels,
            SpecPaths = specPaths,
            OutputFormat = result.GetValue(Format) == "json" ? OutputFormat.Json : OutputFormat.Text,
            Verbose = result.GetValue(Verbose),
        };
    }
}
