namespace Sentinel.Core.Specs;

/// <summary>
/// Where <c>spec.retraining.promotion.goldenSet</c> points: an MLflow run artifact, <c>runs:/&lt;run id&gt;/&lt;path&gt;</c>
/// (reachable from a retrain Job in a cluster), or a Parquet file on the machine the retrain runs on.
/// </summary>
public static class GoldenSetUri
{
    public const string RunScheme = "runs:/";

    /// <summary>The run id and artifact path of a <c>runs:/</c> URI; null for anything else (a file path).</summary>
    public static (string RunId, string Path)? TryParseRunArtifact(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.StartsWith(RunScheme, StringComparison.Ordinal)) return null;
        var rest = value[RunScheme.Length..].TrimStart('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == rest.Length - 1 ? null : (rest[..slash], rest[(slash + 1)..]);
    }

    /// <summary>Why <paramref name="value"/> is not a usable golden set location; null when it is.</summary>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.StartsWith(RunScheme, StringComparison.Ordinal))
            return TryParseRunArtifact(value) is null ? $"'{value}' names no artifact; write runs:/<run id>/<path>, e.g. runs:/0a1b2c/golden/golden.parquet" : null;
        return value.Contains("://", StringComparison.Ordinal)
            ? $"'{value}' is neither a runs:/<run id>/<path> artifact nor a file path; upload the golden set to an MLflow run and name it runs:/<run id>/<path>"
            : null;
    }
}
