using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Adapters.Feedback.Online;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Drift;
using Sentinel.Core.Errors;
using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;
using Sentinel.Core.Reports;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>
/// A champion promoted by hand (no baseline artifacts on its run): the monitor creates its baseline from the first
/// window with enough labelled feedback, stores it on the run once, and reads it on the next evaluation; a failed
/// write leaves the evaluation complete with the baseline unknown.
/// </summary>
public sealed class ChampionBaselineTests : IDisposable
{
    private static readonly string[] Labels = ["negative", "neutral", "positive"];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sentinel-baseline-" + Guid.NewGuid().ToString("N"));
    private readonly LocalTrackingStore _store;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public ChampionBaselineTests()
    {
        Directory.CreateDirectory(_directory);
        _store = new LocalTrackingStore(_directory, TimeProvider.System);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ResolvedSpecialist Specialist => SpecResolver.ForType("sentiment", SeedDefaults.Builtin) with { Labels = Labels };

    private async Task<MonitoredRun> ChampionAsync()
    {
        var experiment = await _store.GetOrCreateExperimentAsync("sentiment-specialist", Ct);
        var run = await _store.CreateRunAsync(experiment, "promoted-by-hand", new Dictionary<string, string>(), _now.AddDays(-3), Ct);
        return new MonitoredRun(run.RunId, experiment, run.RunName, RunSelection.ChampionAlias, "4", null, new RunMetrics(0.9, 0.9, 0.9, 0.9));
    }

    /// <summary>300 predictions of version 4 in the last hours, each labelled, nine in ten right.</summary>
    private async Task TrafficAsync()
    {
        var path = Path.Combine(_directory, "feedback.db");
        var predictions = Enumerable.Range(0, 300).Select(i => new PredictionRecord
        {
            PredictionId = $"p-{i}", SpecialistType = "sentiment", ModelVersion = "4", Label = Labels[i % 3], Confidence = 0.9,
            Scores = [.. Labels.Select(l => new LabelScore(l, l == Labels[i % 3] ? 0.9 : 0.05))], CreatedAt = _now.AddSeconds(-30 * (i + 1)),
        }).ToList();
        using (var log = new SqlitePredictionLog(path)) await log.InsertManyAsync(predictions, Ct);
        using var feedback = new SqliteFeedbackStore(path);
        await feedback.InsertManyAsync([.. predictions.Select((p, i) => new FeedbackRecord
        {
            SpecialistType = "sentiment", PredictionId = p.PredictionId, ModelVersion = "4", Rating = 0.9,
            TrueLabel = i % 10 == 0 ? Labels[(i + 1) % 3] : p.Label, CreatedAt = p.CreatedAt.AddSeconds(10),
        })], Ct);
    }

    private ServiceProvider Build(IBaselineRecorder? recorder = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sentinel:DataDirectory"] = _directory }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<ITrackingStore>(_store);
        if (recorder is not null) services.AddSingleton(recorder);
        return services.AddOnlineQuality(configuration).BuildServiceProvider();
    }

    private static Task<OnlineQualityReport> EvaluateAsync(ServiceProvider services, MonitoredRun champion, DateTimeOffset now) =>
        services.GetRequiredService<OnlineQualityMonitor>().EvaluateAsync(Specialist, now.AddDays(-30), now, champion, Ct);

    [Fact]
    public async Task Evaluate_ChampionWithoutBaseline_CreatesItOnceThenReadsIt()
    {
        var champion = await ChampionAsync();
        await TrafficAsync();
        var counting = new CountingRecorder(new TrackingBaselineSource(_store));
        using var services = Build(counting);

        var first = await EvaluateAsync(services, champion, _now);
        var second = await EvaluateAsync(services, champion, _now.AddMinutes(1));

        Assert.True(first.BaselineCreated);
        var created = first.Signals.BaselineMetrics!;
        Assert.Equal((BaselineOrigin.FirstWindow, 300), (created.Origin, created.Count));
        Assert.Equal(0.9, created.Accuracy, 12);
        Assert.Equal(1, counting.Calls);
        Assert.False(second.BaselineCreated);
        Assert.Equal(created.Accuracy, second.Signals.BaselineMetrics!.Accuracy);
        Assert.Equal(_now, second.Signals.BaselineMetrics.Until);
        Assert.DoesNotContain(second.Evaluation.Missing, m => m.Source == "baseline");
        Assert.NotNull(second.Signals.PredictionDrift); // the class mix was created too: prediction drift is judged
        var source = new TrackingBaselineSource(_store);
        Assert.Equal([100.0, 100.0, 100.0], (await source.FindAsync(champion.RunId, Ct))!.Counts);
        Assert.NotNull(await source.FindMetricsAsync(champion.RunId, Ct));
        Assert.Contains("  - Baseline: created from the first window: accuracy 0.900", TextReport.Render(SampleReportsFor(first)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_BaselineWriteFails_CompletesWithTheBaselineUnknown()
    {
        var champion = await ChampionAsync();
        await TrafficAsync();
        using var services = Build(new FailingRecorder());

        var report = await EvaluateAsync(services, champion, _now);

        Assert.False(report.BaselineCreated);
        Assert.Null(report.Signals.BaselineMetrics);
        Assert.True(report.Signals.Performance!.IsKnown);
        Assert.Equal(Core.Scoring.HealthStatus.Unknown, report.Evaluation.Status);
        var missing = Assert.Single(report.Evaluation.Missing, m => m.Message.StartsWith("baseline unknown:", StringComparison.Ordinal));
        Assert.Equal("baseline", missing.Source);
        Assert.Contains("mlflow is down", missing.Message, StringComparison.Ordinal);
        Assert.Null(await new TrackingBaselineSource(_store).FindMetricsAsync(champion.RunId, Ct));
    }

    [Fact]
    public async Task FindMetrics_MalformedArtifact_ThrowsNamingIt()
    {
        var champion = await ChampionAsync();
        var run = (await _store.GetRunAsync(champion.RunId, Ct))!;
        using (var content = new MemoryStream("{\"format_version\": 1}"u8.ToArray()))
            await _store.UploadArtifactAsync(run, BaselineMetricsArtifact.Path, content, Ct);

        var e = await Assert.ThrowsAsync<FormatException>(() => new TrackingBaselineSource(_store).FindMetricsAsync(champion.RunId, Ct));

        Assert.StartsWith("baseline/metrics.json", e.Message, StringComparison.Ordinal);
    }

    private static PerformanceReport SampleReportsFor(OnlineQualityReport online) => Sentinel.Testing.Reports.SampleReports.Healthy() with { Online = online };

    private sealed class CountingRecorder(IBaselineRecorder inner) : IBaselineRecorder
    {
        public int Calls { get; private set; }

        public Task RecordAsync(string runId, BaselineMetrics metrics, ClassDistribution? distribution, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.RecordAsync(runId, metrics, distribution, cancellationToken);
        }
    }

    private sealed class FailingRecorder : IBaselineRecorder
    {
        public Task RecordAsync(string runId, BaselineMetrics metrics, ClassDistribution? distribution, CancellationToken cancellationToken) =>
            throw new DependencyUnavailableException("mlflow", "mlflow is down");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
