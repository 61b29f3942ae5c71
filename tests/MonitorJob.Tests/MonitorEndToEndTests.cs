using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Mlflow;
using Sentinel.Core.Feedback;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Processes;
using Sentinel.Testing.Servers;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// The monitor against the servers it meets in production: the MLflow double (answers as MLflow 2.x), a
/// MongoDB-compatible server holding the feedback, and a real Prometheus Pushgateway receiving the metrics.
/// </summary>
public sealed class MonitorEndToEndTests(MongoTestServer mongo) : IClassFixture<MongoTestServer>, IAsyncLifetime, IDisposable
{
    private readonly LocalData _data = new();
    private MlflowServerDouble _mlflow = null!;
    private PushgatewayServer _pushgateway = null!;
    private ServiceProvider _services = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _mlflow = await MlflowServerDouble.StartAsync();
        _pushgateway = await PushgatewayServer.StartAsync();
        _database = mongo.NewDatabaseName("monitor");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Mlflow:TrackingUri"] = _mlflow.BaseUri.ToString(),
            ["Sentinel:Feedback:MongoUri"] = mongo.ConnectionString,
            ["Sentinel:Feedback:Database"] = _database,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddMlflowTracking(configuration).AddFeedbackStore(configuration).BuildServiceProvider();
    }

    private Dictionary<string, string> Environment() => new(_data.Environment)
    {
        ["MLFLOW_TRACKING_URI"] = _mlflow.BaseUri.ToString(),
        ["MONGODB_URI"] = mongo.ConnectionString,
        ["MONGODB_DATABASE"] = _database,
    };

    private async Task<string> RegisterChampionAsync(double precision, double recall, double f1)
    {
        var store = _services.GetRequiredService<ITrackingStore>();
        var experiment = await store.GetOrCreateExperimentAsync("sentiment-specialist", default);
        var now = DateTimeOffset.UtcNow;
        var run = await store.CreateRunAsync(experiment, "champion", new Dictionary<string, string>(), now, default);
        await store.LogBatchAsync(run.RunId, [new("precision", precision, now), new("recall", recall, now), new("f1_score", f1, now), new("accuracy", 0.9, now)],
            new Dictionary<string, string>(), new Dictionary<string, string>(), default);
        await store.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, now, default);
        var version = await store.RegisterModelVersionAsync("sentiment-specialist", run, "model", default);
        await store.SetAliasAsync("sentiment-specialist", "champion", version.Version, default);
        return run.RunId;
    }

    private Task AddFeedbackAsync(params double[] ratings) =>
        _services.GetRequiredService<IFeedbackStore>().InsertManyAsync(
            [.. ratings.Select((r, i) => new FeedbackRecord { SpecialistType = "sentiment", PredictionId = $"p{i}", Rating = r, ModelVersion = "1", CreatedAt = DateTimeOffset.UtcNow.AddHours(-i - 1) })],
            default);

    [Fact]
    public async Task Monitor_AgainstMlflowMongoAndPushgateway_ReportsAndExportsMetrics()
    {
        var runId = await RegisterChampionAsync(precision: 0.9, recall: 0.6, f1: 0.72);
        // 40 ratings on the champion's version (the first, "1"), enough to judge the average.
        await AddFeedbackAsync([.. Enumerable.Repeat<double[]>([1.0, 0.5, 0.0, 0.5], 10).SelectMany(r => r)]);

        var result = await CliProcess.RunAsync("sentinel-monitor",
            ["--specialist-type", "sentiment", "--export-metrics", _pushgateway.Url.ToString()], Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(runId, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("DEGRADED", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Recall 0.600 is below the threshold 0.70", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Feedback average 0.500 is below the threshold 0.60", result.StandardOutput, StringComparison.Ordinal);

        var samples = await _pushgateway.ScrapeAsync();
        double Value(string name) => Assert.Single(samples, s => s.Name == name && s.Label("specialist") == "sentiment").Value;
        Assert.Equal(1, Value("sentinel_model_degradation_detected"));
        Assert.Equal(0.6, Value("sentinel_mlflow_model_recall"), 6);
        // 0.7 * 0.72 + 0.3 * 0.5
        Assert.Equal(0.654, Value("sentinel_model_performance_score"), 6);
        Assert.All(samples.Where(s => s.Name.StartsWith("sentinel_", StringComparison.Ordinal)), s => Assert.Equal("sentinel-monitor", s.Label("job")));
        Assert.Equal(new Dictionary<string, double> { ["mlflow"] = 1, ["mongodb"] = 1 }, DependencyUp(samples, "sentiment"));
    }

    [Fact]
    public async Task Monitor_MlflowUnreachable_PushesDependencyDownAndKeepsTheLastEvaluation()
    {
        await RegisterChampionAsync(precision: 0.9, recall: 0.8, f1: 0.85);
        await AddFeedbackAsync(1.0, 0.5);
        var first = await CliProcess.RunAsync("sentinel-monitor", ["--specialist-type", "sentiment", "--export-metrics", _pushgateway.Url.ToString()], Environment());
        var env = Environment();
        env["MLFLOW_TRACKING_URI"] = "http://127.0.0.1:9";
        env["Sentinel__Mlflow__MaxRetryAttempts"] = "0";

        var result = await CliProcess.RunAsync("sentinel-monitor", ["--specialist-type", "sentiment", "--export-metrics", _pushgateway.Url.ToString()], env);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.NotEqual(0, result.ExitCode);
        var samples = await _pushgateway.ScrapeAsync();
        Assert.Equal(0, DependencyUp(samples, "sentiment")["mlflow"]);
        // The evaluation group of the first run stays: a failed run does not erase the last verdict.
        Assert.Contains(samples, s => s.Name == "sentinel_mlflow_model_f1" && s.Label("specialist") == "sentiment" && Math.Abs(s.Value - 0.85) < 1e-9);
    }

    private static Dictionary<string, double> DependencyUp(IReadOnlyList<PrometheusSample> samples, string specialist) =>
        samples.Where(s => s.Name == "sentinel_dependency_up" && s.Label("job") == "sentinel-monitor" && s.Label("specialist") == specialist)
            .ToDictionary(s => s.Label("dependency")!, s => s.Value);

    [Fact]
    public async Task Monitor_NoFeedbackInMongo_LeavesFeedbackSeriesOutAndStatusUnknown()
    {
        await RegisterChampionAsync(precision: 0.9, recall: 0.8, f1: 0.85);

        var result = await CliProcess.RunAsync("sentinel-monitor",
            ["--specialist-type", "sentiment", "--output-format", "json", "--export-metrics", _pushgateway.Url.ToString()], Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"status\": \"unknown\"", result.StandardOutput, StringComparison.Ordinal);
        var samples = await _pushgateway.ScrapeAsync();
        Assert.DoesNotContain(samples, s => s.Name == "sentinel_feedback_average_rating" && s.Label("specialist") == "sentiment");
        Assert.DoesNotContain(samples, s => s.Name == "sentinel_model_performance_score" && s.Label("specialist") == "sentiment");
        Assert.Contains(samples, s => s.Name == "sentinel_mlflow_model_f1" && s.Label("specialist") == "sentiment" && Math.Abs(s.Value - 0.85) < 1e-9);
    }

    [Fact]
    public async Task Monitor_PushgatewayDown_StillPrintsReportAndExitsThree()
    {
        await RegisterChampionAsync(precision: 0.9, recall: 0.8, f1: 0.85);
        var env = Environment();
        env["Sentinel__Metrics__Retries"] = "0";

        var result = await CliProcess.RunAsync("sentinel-monitor", ["--specialist-type", "sentiment", "--export-metrics", "http://127.0.0.1:9"], env);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("PERFORMANCE REPORT - sentiment", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PROMETHEUS_PUSHGATEWAY_URL", result.StandardError, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _pushgateway.DisposeAsync();
        await _mlflow.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();
}
