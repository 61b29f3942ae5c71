using System.Globalization;
using System.Text.RegularExpressions;

namespace Sentinel.Core.Specs;

public static partial class SpecResolver
{
    private const string Golden = "spec.goldenEvaluation";
    private const string ExampleModelServerUrl = "http://sentinel-model-server.sentinel.svc";

    /// <summary>
    /// <c>spec.goldenEvaluation</c>: every field present is checked; the model server's URL and the dataset's ConfigMap
    /// are required only when the evaluation is enabled.
    /// </summary>
    private static ResolvedGoldenEvaluation ResolveGoldenEvaluation(List<SpecError> errors, GoldenEvaluationSpec? g)
    {
        if (g is null) return ResolvedGoldenEvaluation.Disabled;
        var enabled = g.Enabled ?? false;

        var schedule = g.Schedule ?? ResolvedGoldenEvaluation.DefaultSchedule;
        if (CronSchedule.Validate(schedule) is { } cronError)
            errors.Add(new($"{Golden}.schedule", $"'{schedule}' is not a valid cron schedule ({cronError}); use five fields such as '{ResolvedGoldenEvaluation.DefaultSchedule}'"));

        var url = string.IsNullOrWhiteSpace(g.ModelServerUrl) ? null : g.ModelServerUrl.Trim();
        if (url is null && enabled)
            errors.Add(new($"{Golden}.modelServerUrl", $"is required when {Golden}.enabled is true; set the URL of the model server serving this specialist, e.g. {ExampleModelServerUrl}"));
        else if (url is not null && !IsHttpUrl(url))
            errors.Add(new($"{Golden}.modelServerUrl", $"'{url}' is not an absolute http(s) URL; use e.g. {ExampleModelServerUrl}"));

        var reference = g.Dataset?.ConfigMapRef;
        var name = string.IsNullOrWhiteSpace(reference?.Name) ? null : reference.Name.Trim();
        if (name is null && enabled)
            errors.Add(new($"{Golden}.dataset.configMapRef.name", $"is required when {Golden}.enabled is true; name the ConfigMap in this namespace that holds the golden set, e.g. sentiment-golden"));
        else if (name is not null && (name.Length > 253 || !DnsSubdomain().IsMatch(name)))
            errors.Add(new($"{Golden}.dataset.configMapRef.name", $"'{name}' is not a ConfigMap name: lower-case letters, digits, '-' and '.', at most 253 characters"));

        var key = reference?.Key ?? ResolvedGoldenEvaluation.DefaultKey;
        if (!IsGoldenSetKey(key))
            errors.Add(new($"{Golden}.dataset.configMapRef.key", $"'{key}' is not a golden-set key: letters, digits, '-', '_' and '.', ending in .jsonl or .parquet, e.g. {ResolvedGoldenEvaluation.DefaultKey}"));

        var maxItems = g.MaxItems ?? ResolvedGoldenEvaluation.DefaultMaxItems;
        if (maxItems is < 1 or > ResolvedGoldenEvaluation.MaxItemsLimit)
            errors.Add(new($"{Golden}.maxItems", string.Create(CultureInfo.InvariantCulture,
                $"{maxItems} is outside 1-{ResolvedGoldenEvaluation.MaxItemsLimit}; use e.g. {ResolvedGoldenEvaluation.DefaultMaxItems}")));

        return new ResolvedGoldenEvaluation
        {
            Enabled = enabled,
            Schedule = schedule,
            ModelServerUrl = url,
            ConfigMapName = name,
            Key = key,
            MaxItems = maxItems,
        };
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host) && !url.Any(char.IsWhiteSpace);

    /// <summary>A ConfigMap key (letters, digits, '-', '_', '.'; not '.' or '..' and not starting with '..') naming a format the golden job reads.</summary>
    private static bool IsGoldenSetKey(string key) =>
        key.Length <= 253 && ConfigMapKey().IsMatch(key) && !key.StartsWith("..", StringComparison.Ordinal)
        && (key.EndsWith(".jsonl", StringComparison.Ordinal) || key.EndsWith(".parquet", StringComparison.Ordinal));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigMapKey();
}
