using System.Reflection;
using System.Text.RegularExpressions;
using Sentinel.Core.Metrics;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Monitoring;

/// <summary>
/// The metric names the code declares, read from the code itself: the constants of <see cref="MetricNames"/> with the
/// default prefix, and every "sentinel_…" string literal in src/. Where the code creates the metric, its type
/// (counter, gauge, histogram) is read from the call that creates it.
/// </summary>
internal static partial class DeclaredMetrics
{
    public static IReadOnlySet<string> Names { get; } = ReadNames();

    /// <summary>Name → "counter", "gauge" or "histogram", for the names whose creating call was found in src/.</summary>
    public static IReadOnlyDictionary<string, string> Types { get; } = ReadTypes();

    private static IEnumerable<(string File, string Text)> Sources() =>
        Directory.EnumerateFiles(Repo.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f)));

    private static Dictionary<string, string> Constants() =>
        typeof(MetricNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != nameof(MetricNames.DefaultPrefix) && !f.Name.EndsWith("Label", StringComparison.Ordinal))
            .ToDictionary(f => f.Name, f => MetricNames.DefaultPrefix + (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

    private static HashSet<string> ReadNames()
    {
        var names = new HashSet<string>(Constants().Values, StringComparer.Ordinal);
        foreach (var (_, text) in Sources())
            foreach (Match m in Literal().Matches(text)) names.Add(m.Groups["name"].Value);
        return names;
    }

    private static Dictionary<string, string> ReadTypes()
    {
        var constants = Constants();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, text) in Sources())
        {
            foreach (Match m in Creation().Matches(text))
            {
                var reference = m.Groups["name"].Value;
                string? name = reference switch
                {
                    _ when reference.StartsWith('"') => reference.Trim('"'),
                    _ when reference.StartsWith("MetricNames.", StringComparison.Ordinal) => constants.GetValueOrDefault(reference["MetricNames.".Length..]),
                    _ => LocalConstant(text, reference),
                };
                if (name is null) continue;
                var kind = m.Groups["kind"].Value;
                types[name] = kind.Contains("Counter", StringComparison.Ordinal) && !kind.StartsWith("UpDown", StringComparison.Ordinal) ? "counter"
                    : kind.Contains("Histogram", StringComparison.Ordinal) ? "histogram"
                    : "gauge";
            }
        }
        return types;
    }

    private static string? LocalConstant(string text, string identifier)
    {
        var m = Regex.Match(text, $@"const\s+string\s+{Regex.Escape(identifier)}\s*=\s*""(?<name>sentinel_[a-z0-9_]+)""");
        return m.Success ? m.Groups["name"].Value : null;
    }

    [GeneratedRegex(@"""(?<name>sentinel_[a-z0-9_]+)""")]
    private static partial Regex Literal();

    /// <summary>CreateCounter&lt;long&gt;(Name, …), factory.CreateGauge(prefix + MetricNames.X, …), Gauge(MetricNames.X, …).</summary>
    [GeneratedRegex(@"\b(?:Create)?(?<kind>ObservableCounter|ObservableGauge|UpDownCounter|Counter|Gauge|Histogram|Summary)(?:<\w+>)?\(\s*(?:\w+\s*\+\s*)?(?<name>MetricNames\.\w+|""sentinel_[a-z0-9_]+""|[A-Z]\w*)\s*,")]
    private static partial Regex Creation();
}
