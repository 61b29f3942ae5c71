using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class ConfidenceHistogramTests
{
    [Fact]
    public void Quantile_NothingCounted_IsNull() => Assert.Null(ConfidenceHistogram.Quantile([0, 0, 0], 0.1));

    [Fact]
    public void Quantile_TwoValuesInTwoBins_InterpolatesBetweenTheBinMiddles()
    {
        // Ten bins of 0.1: one value placed at 0.55, one at 0.65; the median lies halfway.
        long[] counts = [0, 0, 0, 0, 0, 1, 1, 0, 0, 0];

        Assert.Equal(0.60, ConfidenceHistogram.Quantile(counts, 0.5)!.Value, 12);
        Assert.Equal(0.55, ConfidenceHistogram.Quantile(counts, 0.0)!.Value, 12);
        Assert.Equal(0.65, ConfidenceHistogram.Quantile(counts, 1.0)!.Value, 12);
    }

    [Fact]
    public void Quantile_FourValuesInOneBin_SpreadsThemEvenlyInsideIt()
    {
        // Bin [0, 0.1) with four values: placed at 0.0125, 0.0375, 0.0625, 0.0875; p10 has h = 0.3.
        long[] counts = [4, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(0.0125 + (0.3 * 0.025), ConfidenceHistogram.Quantile(counts, 0.1)!.Value, 12);
    }

    [Fact]
    public void Quantile_QuantileOutsideUnitInterval_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceHistogram.Quantile([1], 1.5));
}
