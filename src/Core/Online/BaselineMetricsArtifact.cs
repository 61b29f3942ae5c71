using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentinel.Core.Online;

/// <summary>
/// A model version's <see cref="BaselineMetrics"/>, stored as the run artifact <c>baseline/metrics.json</c> beside
/// <see cref="BaselineArtifact.Path"/>:
/// <code>
/// {"format_version": 1, "origin": "promotion", "rows": 800, "accuracy": 0.89, "macro_f1": 0.875,
///  "per_class": [{"class": "negative", "precision": 0.9, "recall": 0.88, "f1": 0.89, "support": 270}, …],
///  "since": null, "until": null}
/// </code>
/// <c>origin</c> is <c>promotion</c> (the challenger's evaluation set, recorded by AutoRetrain) or <c>first_window</c>
/// (the version's first window with enough labelled feedback, recorded by the monitor; <c>since</c> and <c>until</c>
/// bound that window). A reader refuses another format version.
/// </summary>
public static class BaselineMetricsArtifact
{
    public const string Path = "baseline/metrics.json";

    /// <summary>The format version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    public const string PromotionOrigin = "promotion";
    public const string FirstWindowOrigin = "first_window";

    public static byte[] Serialize(BaselineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var document = new MetricsDocument(
            FormatVersion, metrics.Origin == BaselineOrigin.FirstWindow ? FirstWindowOrigin : PromotionOrigin, metrics.Count, metrics.Accuracy, metrics.MacroF1,
            [.. metrics.PerClass.Select(c => new ClassDocument(c.Label, c.Precision, c.Recall, c.F1, c.Support))], metrics.Since, metrics.Until);
        return JsonSerializer.SerializeToUtf8Bytes(document, MetricsJson.Default.MetricsDocument);
    }

    /// <summary>The metrics in <paramref name="json"/>; throws <see cref="FormatException"/> naming the artifact when it is malformed.</summary>
    public static BaselineMetrics Parse(ReadOnlySpan<byte> json)
    {
        MetricsDocument? d;
        try
        {
            d = JsonSerializer.Deserialize(json, MetricsJson.Default.MetricsDocument);
        }
        catch (JsonException e)
        {
            throw Malformed($"it is not valid JSON of the expected shape ({e.Message})", e);
        }
        if (d is null) throw Malformed("it holds null");
        if (d.FormatVersion != FormatVersion)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"{Path} has format version {d.FormatVersion?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}; this Sentinel reads version {FormatVersion}. Run the matching Sentinel version, or record the baseline again by promoting the champion."));
        var origin = d.Origin switch
        {
            PromotionOrigin => BaselineOrigin.Promotion,
            FirstWindowOrigin => BaselineOrigin.FirstWindow,
            _ => throw Malformed($"its origin is '{d.Origin ?? "(none)"}', not '{PromotionOrigin}' or '{FirstWindowOrigin}'"),
        };
        if (d.Rows is not ({ } rows and > 0)) throw Malformed("'rows' is missing or not a positive count");
        var accuracy = Fraction(d.Accuracy, "accuracy");
        var macroF1 = Fraction(d.MacroF1, "macro_f1");
        if (d.PerClass is null) throw Malformed("it lacks 'per_class'");
        var perClass = new List<BaselineClassMetrics>(d.PerClass.Count);
        foreach (var c in d.PerClass)
        {
            if (c?.Class is not { Length: > 0 } label) throw Malformed($"class #{perClass.Count} has no 'class' name");
            if (perClass.Exists(p => p.Label == label)) throw Malformed($"class '{label}' appears twice");
            if (c.Support is not ({ } support and >= 0)) throw Malformed($"class '{label}' has no non-negative 'support'");
            perClass.Add(new(label, Fraction(c.Precision, $"{label}.precision"), Fraction(c.Recall, $"{label}.recall"), Fraction(c.F1, $"{label}.f1"), support));
        }
        return new BaselineMetrics
        {
            Count = rows, Accuracy = accuracy, MacroF1 = macroF1, PerClass = perClass, Origin = origin, Since = d.Since, Until = d.Until,
        };
    }

    private static double Fraction(double? value, string field) =>
        value is { } v && v is >= 0 and <= 1 ? v : throw Malformed($"'{field}' is {(value is null ? "missing" : value.Value.ToString(CultureInfo.InvariantCulture))}, not a fraction in [0, 1]");

    private static FormatException Malformed(string problem, Exception? inner = null) =>
        new($"{Path} is not a record of baseline metrics: {problem}. Record it again by promoting the champion, or delete it so that the monitor creates one from the first window.", inner);
}

internal sealed record MetricsDocument(
    [property: JsonPropertyName("format_version")] int? FormatVersion,
    [property: JsonPropertyName("origin")] string? Origin,
    [property: JsonPropertyName("rows")] int? Rows,
    [property: JsonPropertyName("accuracy")] double? Accuracy,
    [property: JsonPropertyName("macro_f1")] double? MacroF1,
    [property: JsonPropertyName("per_class")] IReadOnlyList<ClassDocument?>? PerClass,
    [property: JsonPropertyName("since")] DateTimeOffset? Since,
    [property: JsonPropertyName("until")] DateTimeOffset? Until);

internal sealed record ClassDocument(
    [property: JsonPropertyName("class")] string? Class,
    [property: JsonPropertyName("precision")] double? Precision,
    [property: JsonPropertyName("recall")] double? Recall,
    [property: JsonPropertyName("f1")] double? F1,
    [property: JsonPropertyName("support")] int? Support);

[JsonSerializable(typeof(MetricsDocument))]
internal sealed partial class MetricsJson : JsonSerializerContext;
