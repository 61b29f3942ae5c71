using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class NamesTests
{
    [Fact]
    public void RetrainRun_SameEvaluation_SameName()
    {
        var at = new DateTimeOffset(2025, 3, 1, 6, 0, 5, TimeSpan.FromHours(2));
        Assert.Equal("sentiment-20250301-040005", Names.RetrainRun("sentiment", at));
        Assert.Equal(Names.RetrainRun("sentiment", at), Names.RetrainRun("sentiment", at.ToUniversalTime()));
    }

    [Theory]
    [InlineData(52)]
    [InlineData(63)]
    public void Bounded_LongName_FitsAndStaysDistinct(int max)
    {
        var a = new string('a', 60) + "-one";
        var b = new string('a', 60) + "-two";
        Assert.True(Names.Bounded(a, max).Length <= max);
        Assert.NotEqual(Names.Bounded(a, max), Names.Bounded(b, max));
        Assert.Equal(Names.Bounded(a, max), Names.Bounded(a, max));
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Names.Bounded(a, max));
    }

    [Fact]
    public void MonitorCronJob_LongSpecialist_StaysWithinCronJobLimit()
    {
        var name = Names.MonitorCronJob(new string('x', 63));
        Assert.True(name.Length <= Names.CronJobMax);
    }
}
