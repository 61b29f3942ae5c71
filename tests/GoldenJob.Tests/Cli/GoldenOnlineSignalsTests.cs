using System.Net.Http.Json;
using Sentinel.Adapters.Feedback.Online.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.GoldenJob.Tests.Hosting;
using Sentinel.Testing.Processes;

namespace Sentinel.GoldenJob.Tests.Cli;

/// <summary>
/// The point of the golden set: after a run, the monitor's online performance is known from the golden feedback alone,
/// while the drift, confidence, coverage and new-sample signals still see only production traffic.
/// </summary>
public sealed class GoldenOnlineSignalsTests(GoldenServers servers) : IClassFixture<GoldenServers>, IDisposable
{
    private readonly GoldenFiles _files = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task GoldenRun_BesideUserTraffic_MakesPerformanceKnownWhileDriftAndConfidenceSeeOnlyUsers()
    {
        using (var users = new HttpClient { BaseAddress = servers.ModelServerUrl })
        {
            foreach (var text in new[] { "refund my invoice please", "the service is down again", "thanks, great team" })
                (await users.PostAsJsonAsync("/predict", new { text }, Ct)).EnsureSuccessStatusCode();
        }
        var expected = GoldenFiles.Expected(servers.Models.V1, GoldenFiles.Rows);

        var run = await CliProcess.RunAsync("sentinel-golden", [], servers.Environment(_files.WriteJsonl(GoldenFiles.Rows)), timeout: TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.ToString());

        var window = new OnlineWindow("support", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        var aggregates = await LoggedAsync(window, predictions: 3, labelled: GoldenFiles.Rows.Count);
        var thresholds = OnlineQualityThresholds.Default;
        var signals = OnlineAggregateSignals.Compute(aggregates, baseline: null, thresholds, window.Until);
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, thresholds);

        Assert.True(signals.Performance!.IsKnown, signals.Performance.UnknownReason);
        Assert.Equal(expected.Accuracy, signals.Performance.Report.Accuracy, 12);
        Assert.Equal(expected.MacroF1, signals.Performance.Report.MacroF1, 12);
        Assert.DoesNotContain(evaluation.Missing, m => m.Source == "feedback");
        Assert.Equal(3, signals.Predictions);
        Assert.Equal(3, signals.NewSamples);
        Assert.Equal(3, signals.Confidence!.Count);
        Assert.Equal(0, signals.Performance.Coverage);
        Assert.Equal(3, aggregates.PredictedClasses.Sum(c => c.Count));

        using var feedback = new SqliteFeedbackStore(servers.DatabasePath);
        Assert.Equal(0, (await feedback.GetStatisticsAsync("support", window.Since, window.Until, Ct)).Total);
    }

    /// <summary>The model server writes its prediction log in the background: waits until the run's rows are there.</summary>
    private async Task<OnlineAggregates> LoggedAsync(OnlineWindow window, int predictions, int labelled)
    {
        using var observations = new SqliteOnlineObservations(servers.DatabasePath);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var aggregates = await observations.AggregateAsync(window, Ct);
            if (aggregates.Predictions == predictions && aggregates.WindowConfusion.Sum(p => p.Count) == labelled) return aggregates;
            Assert.True(DateTime.UtcNow < deadline,
                $"expected {predictions} user predictions and {labelled} labelled pairs; found {aggregates.Predictions} and {aggregates.WindowConfusion.Sum(p => p.Count)}");
            await Task.Delay(100, Ct);
        }
    }
}
