using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Metrics;

namespace Sentinel.Adapters.Metrics.Tests;

public sealed class MetricsOptionsTests
{
    [Theory]
    [InlineData("sentinel_")]
    [InlineData("")]
    [InlineData("_acme2_")]
    public void Validate_PrometheusNamePrefix_Succeeds(string prefix)
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { Prefix = prefix });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("9sentinel_")]
    [InlineData("sentinel-")]
    [InlineData("sentinel:")]
    public void Validate_InvalidPrefix_FailsNamingMetricsPrefix(string prefix)
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { Prefix = prefix });

        Assert.True(result.Failed);
        Assert.Contains("METRICS_PREFIX", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PushgatewayUrlNotHttp_FailsNamingTheVariable()
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { PushgatewayUrl = "pushgateway:9091" });

        Assert.True(result.Failed);
        Assert.Contains("PROMETHEUS_PUSHGATEWAY_URL", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSentinelMetrics_InvalidPrefix_FailsWhenOptionsAreRead()
    {
        using var services = MetricsHost.Build(new Uri("http://127.0.0.1:9091"), prefix: "bad-prefix");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MetricsOptions>>().Value);

        Assert.Contains("bad-prefix", error.Message, StringComparison.Ordinal);
    }
}
