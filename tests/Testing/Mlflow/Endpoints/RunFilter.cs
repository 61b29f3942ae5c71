using System.Globalization;
using System.Text.RegularExpressions;

namespace Sentinel.Testing.Mlflow.Endpoints;

/// <summary>
/// The part of MLflow's search-filter grammar the double understands: clauses <c>entity.key op value</c> joined by
/// <c>AND</c>, where entity is metrics, params, tags or attributes (keys may be back-quoted) and op one of
/// <c>= != &lt; &lt;= &gt; &gt;=</c>. Anything else is refused with a 400 that says the double lacks it.
/// </summary>
internal static partial class RunFilter
{
    private static readonly string[] NumericComparators = [">", "!=", "<", "<=", "=", ">="];
    private static readonly string[] StringComparators = ["=", "!="];
    private static readonly string[] NumericAttributes = ["start_time", "end_time"];

    public static Func<RunEntity, bool> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return _ => true;
        var clauses = AndPattern().Split(filter.Trim()).Select(ParseClause).ToList();
        return run => clauses.All(c => c(run));
    }

    public static (string Entity, string Key) SplitIdentifier(string identifier)
    {
        var dot = identifier.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return ("attributes", identifier);
        var entity = identifier[..dot].ToLowerInvariant() switch
        {
            "metrics" or "metric" => "metrics",
            "params" or "param" or "parameter" or "parameters" => "params",
            "tags" or "tag" => "tags",
            "attributes" or "attribute" or "attr" or "run" => "attributes",
            _ => throw MlflowApiException.Invalid($"Invalid entity type '{identifier[..dot]}'. Valid values are ['metric', 'parameter', 'tag', 'attribute']"),
        };
        return (entity, identifier[(dot + 1)..].Trim('`'));
    }

    /// <summary>A run's value for an identifier: a double for metrics and time attributes, else a string; null when absent.</summary>
    public static object? Value(RunEntity run, string entity, string key) => entity switch
    {
        "metrics" => run.LatestMetrics().FirstOrDefault(m => m.Key == key)?.Value,
        "params" => run.Params.FirstOrDefault(p => p.Key == key).Value,
        "tags" => run.Tags.FirstOrDefault(t => t.Key == key).Value,
        _ => key switch
        {
            "status" => run.Status,
            "run_name" => run.RunName,
            "run_id" => run.RunId,
            "user_id" => run.UserId,
            "artifact_uri" => run.ArtifactUri,
            "lifecycle_stage" => run.LifecycleStage,
            "start_time" => (double)run.StartTime,
            "end_time" => run.EndTime is { } end ? (double)end : null,
            _ => throw MlflowApiException.Invalid($"Invalid attribute key '{key}' specified."),
        },
    };

    private static Func<RunEntity, bool> ParseClause(string clause)
    {
        var match = ClausePattern().Match(clause.Trim());
        if (!match.Success) throw MlflowApiException.Invalid($"Invalid filter '{clause.Trim()}'. The test double understands only 'entity.key <op> value' clauses joined by AND.");
        var (entity, key) = SplitIdentifier(match.Groups["id"].Value);
        var op = match.Groups["op"].Value;
        var numeric = entity == "metrics" || (entity == "attributes" && NumericAttributes.Contains(key));
        var allowed = numeric ? NumericComparators : StringComparators;
        if (!allowed.Contains(op)) throw MlflowApiException.Invalid($"Invalid comparator '{op}' not one of '{{{string.Join(", ", allowed.Select(c => $"'{c}'"))}}}");
        var literal = match.Groups["value"].Value;
        if (numeric)
        {
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                throw MlflowApiException.Invalid($"Expected numeric value type for metric. Found {literal}");
            }
            return run => Value(run, entity, key) is double v && Compare(v.CompareTo(number), op);
        }
        if (literal.Length < 2 || literal[0] is not ('\'' or '"') || literal[^1] != literal[0])
        {
            throw MlflowApiException.Invalid($"Expected a quoted string value for {entity[..^1]} '{key}'. Found {literal}");
        }
        var text = literal[1..^1];
        return run => Value(run, entity, key) is string v && Compare(string.CompareOrdinal(v, text), op);
    }

    private static bool Compare(int order, string op) => op switch
    {
        "=" => order == 0,
        "!=" => order != 0,
        "<" => order < 0,
        "<=" => order <= 0,
        ">" => order > 0,
        _ => order >= 0,
    };

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndPattern();

    [GeneratedRegex(@"^(?<id>[A-Za-z_]+\.(`[^`]+`|[\w.\-]+)|[A-Za-z_]+)\s*(?<op>[<>=!]+)\s*(?<value>.+)$")]
    private static partial Regex ClausePattern();
}
