using System.Globalization;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>The Event a refreshed drift reference in the status calls for: one per version (<see cref="Occurrence"/>).</summary>
public sealed record DriftReferenceEvent(string Occurrence, string Message)
{
    public const string Reason = "DriftReferenceRefreshed";

    /// <summary>The Event for <paramref name="reference"/> when it came from a refresh; null for a promotion's reference or none.</summary>
    public static DriftReferenceEvent? For(DriftReferenceStatus? reference)
    {
        if (reference is not { Source: "refresh" } r) return null;
        var created = r.CreatedAt is { } at ? $" at {at.ToString("u", CultureInfo.InvariantCulture)}" : "";
        var size = r.SampleSize is { } n ? string.Create(CultureInfo.InvariantCulture, $" from {n} healthy predictions") : "";
        return new(string.Create(CultureInfo.InvariantCulture, $"v{r.Version}"), string.Create(CultureInfo.InvariantCulture,
            $"Drift reference refreshed to version {r.Version} on MLflow run {r.RunId}{size}{created}; drift is measured against it from the next evaluation"));
    }
}
