using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Metrics;
using Sentinel.Adapters.Mlflow;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Metrics;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Monitoring;
using Sentinel.Testing.Reports;
using Sentinel.Testing.Servers;

namespace Sentinel.Deploy.Tests.Monitoring.Exposed;

/// <summary>
/// Gathers what Sentinel's processes really expose: the monitor's and the retrain job's pushes (through the real
/// Pushgateway client to a real Pushgateway, read back from its /metrics), and the /metrics of a model server that
/// loads its champion from MLflow (the MLflow double), logs predictions to a MongoDB-compatible server and has served
/// predictions and labelled feedback.
/// </summary>
public sealed class ExposedMetricsFixture : IAsyncLifetime
{
    private readonly MongoTestServer _mongo = new();
    private PushgatewayServer? _pushgateway;
    private MlflowServerDouble? _mlflow;
    private string _data = "";

    public ExposedMetrics Metrics { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _mongo.InitializeAsync();
        _pushgateway = await PushgatewayServer.StartAsync();
        _mlflow = await MlflowServerDouble.StartAsync(ct);
        await PushJobMetricsAsync(ct);
        Metrics.Add("the Pushgateway (monitor and retrain pushes)", (await _pushgateway.ScrapeAsync()).Where(IsSentinel));
        Metrics.Add("the model server's /metrics", await ScrapeModelServerAsync(ct));
    }

    private static bool IsSentinel(PrometheusSample sample) => sample.Name.StartsWith(MetricNames.DefaultPrefix, StringComparison.Ordinal);

    private async Task PushJobMetricsAsync(CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Metrics:PushgatewayUrl"] = _pushgateway!.Url.ToString(),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSentinelMetrics(configuration).BuildServiceProvider();
        var pusher = services.GetRequiredService<IMetricsPusher>();
        var options = services.GetRequiredService<IOptions<MetricsOptions>>();

        var monitor = services.GetRequiredService<MonitorMetrics>();
        await monitor.PushAsync(SampleReports.Degraded("sentiment"), ct);
        await monitor.PushAsync(SampleReports.WithOnline("technical", baseline: true), ct);
        await monitor.PushAsync(SampleReports.WithRollout("billing"), ct);
        await monitor.PushAsync(SampleReports.WithRollback("orders", observed: true), ct);

        var retrain = new RetrainMetrics(pusher, options, TimeProvider.System);
        var decision = new RetrainDecision(RetrainTrigger.Degraded, null, "f1 below its threshold");
        await retrain.PushAsync(new RetrainResult
        {
            SpecialistType = "technical", Status = RetrainState.Succeeded, Decision = decision,
            Duration = TimeSpan.FromMinutes(20), GenerationDuration = TimeSpan.FromMinutes(5), GenerationErrors = 1,
            LlmUsage = LlmUsage.None("openai", "gpt-4o-mini", new LlmPrice(0.15, 0.60)).Add(new LlmCallUsage(1000, 500)) with
            {
                BudgetStopped = GenerationBudget.TokensPerRun, BudgetMessage = "maxTokensPerRun reached",
            },
        }, ct);
        await retrain.PushAsync(new RetrainResult
        {
            SpecialistType = "sentiment", Status = RetrainState.Failed, Decision = decision, FailedStep = RetrainSteps.Generate,
            Duration = TimeSpan.FromMinutes(3), GenerationErrors = 4,
        }, ct);

        foreach (var (dependency, reached) in new[] { ("mlflow", false), ("mongodb", false), ("slack", false), ("email", true) })
        {
            var key = new Dictionary<string, string> { [MetricNames.SpecialistLabel] = "sentiment", [MetricNames.DependencyLabel] = dependency };
            await pusher.PushAsync(DependencyMetrics.Build(dependency, reached, options.Value.Prefix), options.Value.Job, key, ct);
        }
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeModelServerAsync(CancellationToken ct)
    {
        var mlflowSettings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Mlflow:TrackingUri"] = _mlflow!.BaseUri.ToString(),
        }).Build();
        await using (var registry = new ServiceCollection().AddLogging().AddMlflowTracking(mlflowSettings).BuildServiceProvider())
            await ChampionModel.PublishAsync(registry.GetRequiredService<ITrackingStore>(), ct);

        _data = Directory.CreateTempSubdirectory("sentinel-exposed-").FullName;
        await using var server = new ModelServerHost(new Dictionary<string, string>
        {
            ["Sentinel:DataDirectory"] = _data,
            ["Sentinel:ModelServer:SpecialistType"] = ChampionModel.Specialist,
            ["Sentinel:ModelServer:PollInterval"] = "00:00:00.200",
            ["Sentinel:Mlflow:TrackingUri"] = _mlflow.BaseUri.ToString(),
            ["Sentinel:Feedback:MongoUri"] = _mongo.ConnectionString,
            ["Sentinel:Feedback:Database"] = _mongo.NewDatabaseName("exposed"),
        });
        using var client = server.CreateClient();
        // The meter bridge starts before the default registry's first collection: scrape once so it sees what follows.
        await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);
        await ModelServerHost.WaitUntilReadyAsync(client, ct);

        foreach (var (text, truth) in new[] { ("my invoice was charged twice", "billing"), ("the service is down", "billing"), ("error everywhere", "outage") })
        {
            using var predicted = await client.PostAsJsonAsync(new Uri("/predict", UriKind.Relative), new { text }, ct);
            using var json = JsonDocument.Parse(await predicted.EnsureSuccessStatusCode().Content.ReadAsStringAsync(ct));
            using var feedback = await client.PostAsJsonAsync(new Uri("/feedback", UriKind.Relative),
                new { prediction_id = json.RootElement.GetProperty("prediction_id").GetString(), label = truth }, ct);
            feedback.EnsureSuccessStatusCode();
        }
        return await ScrapeUntilAsync(client, ["sentinel_mlflow_requests_total", "sentinel_mongodb_circuit_breaker_state", "sentinel_model_server_feedback_total"], ct);
    }

    /// <summary>Scrapes until every series of <paramref name="expected"/> is there (the bridge publishes a moment after a call), or 20 s have passed.</summary>
    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeUntilAsync(HttpClient client, string[] expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var samples = PrometheusText.Parse(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct)).Where(IsSentinel).ToList();
            if (expected.All(name => samples.Any(s => s.Name == name)) || DateTime.UtcNow > deadline) return samples;
            await Task.Delay(200, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pushgateway is not null) await _pushgateway.DisposeAsync();
        if (_mlflow is not null) await _mlflow.DisposeAsync();
        await _mongo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_data.Length > 0 && Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
