using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Metrics;
using Sentinel.Adapters.Mlflow;

namespace Sentinel.Adapters.Metrics.Tests;

/// <summary>The jobs' dependency status, pushed to a real Pushgateway one group per dependency.</summary>
public sealed class DependencyMetricsTests(PushgatewayFixture pushgateway) : IClassFixture<PushgatewayFixture>
{
    [Fact]
    public async Task PushAsync_OneGroupPerDependency_ADependencyNotCalledKeepsItsLastValue()
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url);
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var dependencies = services.GetRequiredService<DependencyMetrics>();
        var mlflow = new MlflowMetrics(meters);
        var mongo = new MongoFeedbackMetrics(meters, new CircuitBreakerStateProvider());
        var ct = TestContext.Current.CancellationToken;

        mlflow.Record("runs_search", "unavailable", TimeSpan.Zero);
        mongo.RecordCall("statistics", succeeded: true);
        var first = await dependencies.PushAsync("sentinel-deps-test", "fraud", ct);
        mlflow.Record("runs_search", "success", TimeSpan.Zero);
        var second = await dependencies.PushAsync("sentinel-deps-test", "fraud", ct);

        Assert.Equal((2, 1), (first, second));
        var up = (await pushgateway.Server.ScrapeAsync())
            .Where(s => s.Name == "sentinel_dependency_up" && s.Label("job") == "sentinel-deps-test" && s.Label("specialist") == "fraud")
            .ToDictionary(s => s.Label("dependency")!, s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["mlflow"] = 1, ["mongodb"] = 1 }, up);
    }

    [Fact]
    public async Task PushAsync_AnUnreachableDependency_PushesZero()
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url);
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var dependencies = services.GetRequiredService<DependencyMetrics>();
        new MongoFeedbackMetrics(meters, new CircuitBreakerStateProvider()).RecordCall("insert", succeeded: false);

        await dependencies.PushAsync("sentinel-deps-test", "spam", TestContext.Current.CancellationToken);

        var sample = Assert.Single(await pushgateway.Server.ScrapeAsync(),
            s => s.Name == "sentinel_dependency_up" && s.Label("job") == "sentinel-deps-test" && s.Label("specialist") == "spam");
        Assert.Equal(("mongodb", 0.0), (sample.Label("dependency"), sample.Value));
    }
}
