using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class ConfidenceBoundsTests
{
    [Theory]
    [InlineData(620, 800, 0.8026)]   // p = 0.775
    [InlineData(8, 10, 0.9433)]      // small n: far above p
    [InlineData(10, 10, 1.0)]
    [InlineData(0, 40, 0.0876)]      // p = 0: still a positive upper end
    public void WilsonUpper_KnownCases_MatchesTheScoreInterval(long successes, long trials, double expected)
    {
        Assert.Equal(expected, ConfidenceBounds.WilsonUpper(successes, trials), 3);
    }

    [Fact]
    public void MacroF1Upper_BalancedMatrix_IsAboveTheEstimateAndShrinksWithTheSample()
    {
        int[][] small = [[70, 20, 10], [15, 70, 15], [10, 20, 70]];
        int[][] large = [.. small.Select(r => r.Select(c => c * 20).ToArray())];
        var estimate = ConfidenceBounds.MacroF1(To(small), 3);

        var upperSmall = ConfidenceBounds.MacroF1Upper(small);
        var upperLarge = ConfidenceBounds.MacroF1Upper(large);

        Assert.InRange(upperSmall, estimate + 0.03, estimate + 0.12);
        Assert.InRange(upperLarge, estimate + 0.005, estimate + 0.03);
        Assert.Equal(upperSmall, ConfidenceBounds.MacroF1Upper(small));
    }

    private static long[,] To(int[][] m)
    {
        var cells = new long[m.Length, m.Length];
        for (var i = 0; i < m.Length; i++)
            for (var j = 0; j < m.Length; j++) cells[i, j] = m[i][j];
        return cells;
    }
}
