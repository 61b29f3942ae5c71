using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Tests.Runtime;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(0, 0.5, 500)]
    [InlineData(1, 0.5, 1000)]
    [InlineData(3, 0.5, 4000)]
    [InlineData(20, 0.5, 30000)]
    [InlineData(0, 0.0, 400)]
    [InlineData(0, 0.999999, 600)]
    public void Delay_DoublesPerAttempt_CapsAtMax_JitterSpreadsTwentyPercent(int attempt, double random, double expectedMs) =>
        Assert.Equal(expectedMs, Backoff.Watch.Delay(attempt, random).TotalMilliseconds, 0);

    [Fact]
    public void Delay_WithJitterAtCap_NeverExceedsMax() =>
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Watch.Delay(100, 0.999));
}
