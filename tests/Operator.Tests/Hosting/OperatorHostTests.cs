using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Operator.Hosting;
using Sentinel.Operator.Tests.Controllers;

namespace Sentinel.Operator.Tests.Hosting;

public sealed class OperatorHostTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    private WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(_kube.NewClient());
        builder.AddSentinelOperator();
        var app = builder.Build();
        app.MapOperatorEndpoints();
        return app;
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Sentinel:Operator:MonitorImage"] = "registry.example.com/sentinel-monitor:1.0",
        ["Sentinel:Operator:RetrainImage"] = "registry.example.com/sentinel-retrain:1.0",
        ["Sentinel:Operator:GoldenImage"] = "registry.example.com/sentinel-golden:1.0",
        ["Sentinel:Operator:LeaderElection:LeaseNamespace"] = "sentinel",
        ["Sentinel:Operator:LeaderElection:LeaseDurationSeconds"] = "3",
        ["Sentinel:Operator:LeaderElection:RenewDeadlineSeconds"] = "2",
        ["Sentinel:Operator:LeaderElection:RetryPeriodSeconds"] = "1",
    };

    [Fact]
    public async Task Host_ServesHealthReadinessAndReconcileMetrics()
    {
        await using var app = Build(Valid());
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        await _kube.CreateAsync(TestData.Specialist());
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the hosted operator reconciles");

        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative), Ct)).StatusCode);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);
        Assert.Contains("sentinel_operator_reconcile_total{controller=\"specialistmodel\",result=\"success\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("sentinel_operator_reconcile_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("sentinel_operator_workqueue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("sentinel_operator_leader 1", metrics, StringComparison.Ordinal);
        await app.StopAsync(Ct);
    }

    [Theory]
    [InlineData("Sentinel:Operator:MonitorImage", "", "MonitorImage is required")]
    [InlineData("Sentinel:Operator:GoldenImage", "", "GoldenImage is required: set Sentinel__Operator__GoldenImage")]
    [InlineData("Sentinel:Operator:LeaderElection:LeaseNamespace", "", "LeaseNamespace is required")]
    [InlineData("Sentinel:Operator:ResyncSeconds", "1", "ResyncSeconds 1 is outside")]
    [InlineData("Sentinel:Operator:ImagePullPolicy", "Sometimes", "ImagePullPolicy 'Sometimes'")]
    public async Task Host_InvalidOptions_FailsAtStartWithTheSettingNamed(string key, string value, string expected)
    {
        var settings = Valid();
        settings[key] = value;
        await using var app = Build(settings);

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
