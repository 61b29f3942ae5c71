using System.CommandLine;
using Sentinel.Adapters.Hosting;
using Sentinel.GoldenJob.Configuration;

namespace Sentinel.GoldenJob.Cli;

/// <summary>What the command line asked for: settings that override the environment, and how to print.</summary>
public sealed record GoldenArguments
{
    /// <summary>Configuration keys set by flags (<c>Sentinel:Golden:SetPath</c>, …), applied over the environment.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();
    public bool Json { get; init; }
    public bool Verbose { get; init; }
}

/// <summary>The <c>sentinel-golden</c> command line; every flag has an environment variable, which the CronJob sets.</summary>
public static class GoldenCommand
{
    private static readonly Option<string?> GoldenSet = new("--golden-set") { Description = "The golden set: .jsonl ({\"text\", \"label\"} per line) or .parquet (default: GOLDEN_SET_PATH)." };
    private static readonly Option<string?> ModelServerUrl = new("--model-server-url") { Description = "Base URL of the model server to evaluate (default: MODEL_SERVER_URL)." };
    private static readonly Option<string?> SpecialistType = new("--specialist-type") { Description = "Specialist the model server must serve (default: SPECIALIST_TYPE, else the server's)." };
    private static readonly Option<int?> MaxItems = new("--max-items") { Description = "Evaluate at most the first N rows (default: GOLDEN_MAX_ITEMS, else 1000)." };
    private static readonly Option<int?> BatchSize = new("--batch-size") { Description = "Texts per prediction request (default: GOLDEN_BATCH_SIZE, else 32)." };
    private static readonly Option<string?> ExportMetrics = new("--export-metrics") { Description = "Push metrics to this Pushgateway URL (default: PROMETHEUS_PUSHGATEWAY_URL; none = no push)." };
    private static readonly Option<string> Format = new("--output-format") { Description = "Summary format: text or json.", DefaultValueFactory = _ => "text" };
    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Debug logs and stack traces on errors." };

    public static RootCommand Create()
    {
        Format.OneOf("text", "json");
        return new RootCommand("Sentinel golden-set evaluator: runs the served model over a fixed labelled dataset, records the outcome as golden feedback, reports accuracy and macro F1.")
        {
            GoldenSet, ModelServerUrl, SpecialistType, MaxItems, BatchSize, ExportMetrics, Format, Verbose,
        };
    }

    public static GoldenArguments Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) overrides[key] = value.Trim();
        }
        Set($"{GoldenOptions.SectionName}:SetPath", result.GetValue(GoldenSet));
        Set($"{GoldenOptions.SectionName}:ModelServerUrl", result.GetValue(ModelServerUrl));
        Set($"{GoldenOptions.SectionName}:SpecialistType", result.GetValue(SpecialistType));
        Set($"{GoldenOptions.SectionName}:MaxItems", result.GetValue(MaxItems)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set($"{GoldenOptions.SectionName}:BatchSize", result.GetValue(BatchSize)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Sentinel:Metrics:PushgatewayUrl", result.GetValue(ExportMetrics));
        return new GoldenArguments
        {
            Overrides = overrides,
            Json = result.GetValue(Format) == "json",
            Verbose = result.GetValue(Verbose),
        };
    }
}
