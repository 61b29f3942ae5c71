using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Adapters.Inference;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Inference;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Models;
using Sentinel.ModelServer.Predictions;
using Sentinel.ModelServer.Rollout;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Rollout;

/// <summary>
/// The prediction path with a champion and a challenger held in memory (real ONNX models), the off-path scorer on its
/// background worker, and the prediction log's queue read directly, without HTTP.
/// </summary>
internal sealed class RolloutHarness : IAsyncDisposable
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly ModelHolder _champion = new();

    public RolloutHarness(TrainedModels models, RolloutPlan plan, Func<ITextScorer, ITextScorer>? wrapChallenger = null, int shadowCapacity = 10_000, int seed = 7)
    {
        var options = Options.Create(new ModelServerOptions { SpecialistType = "support", ShadowQueueCapacity = shadowCapacity, PredictionQueueCapacity = 100_000 });
        Metrics = new ModelServerMetrics(_registry, "support");
        _champion.Swap(Load(models.V1, "1", null));
        Challenger.Holder.Swap(Load(models.V2, "2", wrapChallenger));
        Challenger.SetPlan(plan);
        Log = new PredictionLogBuffer(options, Metrics, NullLogger<PredictionLogBuffer>.Instance);
        OffPath = new OffPathBuffer(options, Metrics, NullLogger<OffPathBuffer>.Instance);
        Scorer = new OffPathScorer(OffPath, Log, Metrics, NullLogger<OffPathScorer>.Instance);
        Service = new PredictionService(_champion, Log, new RecentPredictions(options), options, TimeProvider.System, new InputFeatureSampler(0, new Random(1)),
            Challenger, new RolloutRouter(new Random(seed)), OffPath, Metrics, NullLogger<PredictionService>.Instance);
    }

    public ModelServerMetrics Metrics { get; }
    public ChallengerSlot Challenger { get; } = new();
    public PredictionLogBuffer Log { get; }
    public OffPathBuffer OffPath { get; }
    public OffPathScorer Scorer { get; }
    public PredictionService Service { get; }

    private ServedModel Load(ModelFiles files, string version, Func<ITextScorer, ITextScorer>? wrap)
    {
        var classifier = files.Load();
        var identity = new ModelIdentity("support-specialist", version, "sha", "test", null);
        var scorer = wrap?.Invoke(new OnnxScorer(classifier));
        return new ServedModel(classifier, identity, $"support-specialist@{version}", Metrics.For(identity, classifier.LabelMap.Labels), scorer);
    }

    /// <summary>The records the prediction log's queue holds now (taken out of it).</summary>
    public List<PredictionRecord> TakeLogged()
    {
        var records = new List<PredictionRecord>();
        while (Log.Reader.TryRead(out var record)) records.Add(record);
        return records;
    }

    /// <summary>A series' value on this harness's registry (0 when absent).</summary>
    public async Task<double> MetricAsync(string series)
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="series"/> reaches <paramref name="value"/> (the worker runs on its own).</summary>
    public async Task WaitForMetricAsync(string series, double value)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await MetricAsync(series) < value)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{series} did not reach {value} in time (it is {await MetricAsync(series)})");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Scorer.StopAsync(CancellationToken.None);
        Scorer.Dispose();
        Challenger.Dispose();
        _champion.Dispose();
    }
}

/// <summary>A model that waits at a gate before each score: the test decides when the challenger's work may finish.</summary>
internal sealed class GatedScorer(ITextScorer inner) : ITextScorer
{
    private int _started;

    public SemaphoreSlim Gate { get; } = new(0, int.MaxValue);

    public int Started => Volatile.Read(ref _started);

    public TextPrediction Predict(string text)
    {
        Interlocked.Increment(ref _started);
        Gate.Wait(TimeSpan.FromSeconds(30));
        return inner.Predict(text);
    }

    public IReadOnlyList<TextPrediction> PredictBatch(IReadOnlyList<string> texts) => [.. texts.Select(Predict)];
}

/// <summary>A model that delays every score by <paramref name="delay"/>.</summary>
internal sealed class SlowScorer(ITextScorer inner, TimeSpan delay) : ITextScorer
{
    public TextPrediction Predict(string text)
    {
        Thread.Sleep(delay);
        return inner.Predict(text);
    }

    public IReadOnlyList<TextPrediction> PredictBatch(IReadOnlyList<string> texts) => [.. texts.Select(Predict)];
}

/// <summary>A model that always fails.</summary>
internal sealed class ThrowingScorer : ITextScorer
{
    public TextPrediction Predict(string text) => throw new InvalidOperationException("the challenger's session failed");

    public IReadOnlyList<TextPrediction> PredictBatch(IReadOnlyList<string> texts) => throw new InvalidOperationException("the challenger's session failed");
}
