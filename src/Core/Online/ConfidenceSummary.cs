using System.Buffers;

namespace Sentinel.Core.Online;

/// <summary>
/// Mean and low percentile of the confidences (top-class scores) of a window's predictions. A falling mean says the
/// model has grown unsure on average; a falling low percentile (p10 by default) says a growing tail of inputs is
/// unfamiliar even while the mean holds. Both are null for an empty window.
/// </summary>
public sealed record ConfidenceSummary(int Count, double? Mean, double? LowPercentile, double Quantile)
{
    /// <summary>The default low quantile: the 10th percentile.</summary>
    public const double DefaultQuantile = 0.10;

    /// <summary>Summarises <paramref name="confidences"/> (left unchanged; a pooled scratch copy is reordered).</summary>
    public static ConfidenceSummary From(ReadOnlySpan<double> confidences, double quantile = DefaultQuantile)
    {
        if (confidences.IsEmpty) return new ConfidenceSummary(0, null, null, quantile);
        var sum = 0.0;
        foreach (var c in confidences) sum += c;
        var scratch = ArrayPool<double>.Shared.Rent(confidences.Length);
        try
        {
            var span = scratch.AsSpan(0, confidences.Length);
            confidences.CopyTo(span);
            return new ConfidenceSummary(confidences.Length, sum / confidences.Length, Percentile.OfInPlace(span, quantile), quantile);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }
}
