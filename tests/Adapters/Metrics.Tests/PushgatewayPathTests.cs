using Sentinel.Adapters.Metrics;

namespace Sentinel.Adapters.Metrics.Tests;

public sealed class PushgatewayPathTests
{
    [Fact]
    public void For_PlainValues_UsesJobThenGroupingLabels()
    {
        var path = PushgatewayPath.For("sentinel-monitor", [new("specialist", "sentiment")]);

        Assert.Equal("metrics/job/sentinel-monitor/specialist/sentiment", path);
    }

    [Fact]
    public void For_ValueWithSpace_IsPercentEncoded()
    {
        Assert.Equal("metrics/job/a%20b", PushgatewayPath.For("a b", []));
    }

    [Theory]
    [InlineData("a/b", "specialist@base64/YS9i")]
    [InlineData("", "specialist@base64/=")]
    [InlineData("..", "specialist@base64/Li4")]
    public void For_ValueUrlNormalisationWouldAlter_UsesBase64Form(string value, string expected)
    {
        var path = PushgatewayPath.For("j", [new("specialist", value)]);

        Assert.Equal("metrics/job/j/" + expected, path);
    }

    [Theory]
    [InlineData("job")]
    [InlineData("bad-label")]
    [InlineData("__reserved")]
    public void For_InvalidGroupingLabel_Throws(string label)
    {
        Assert.Throws<ArgumentException>(() => PushgatewayPath.For("j", [new(label, "x")]));
    }
}
