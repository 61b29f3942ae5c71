using Prometheus;
using Sentinel.Core.Metrics;
using Sentinel.ModelServer.Models;

namespace Sentinel.ModelServer.Metrics;

/// <summary>
/// Every metric the model server exports on <c>/metrics</c>, defined in one place with the names of
/// <see cref="MetricNames"/> (<c>sentinel_model_server_*</c>) and labels of low cardinality only (specialist, model
/// version, predicted label, route, method, code, outcome, text kept or missing; never an id or a text). Every series carries
/// <c>specialist</c>, so a dashboard filters the server's traffic like its predictions.
/// </summary>
public sealed class ModelServerMetrics
{
    private const string Prefix = MetricNames.DefaultPrefix;
    private const string Specialist = MetricNames.SpecialistLabel;
    private const string ModelVersion = MetricNames.ModelVersionLabel;

    private readonly string _specialist;
    private readonly Histogram _requestDuration;
    private readonly Histogram _confidence;
    private readonly Counter _predictions;
    private readonly Counter _feedback;
    private readonly Counter _labelledFeedback;
    private readonly Gauge _modelInfo;
    private readonly Counter _loads;
    private readonly Counter _swaps;
    private readonly Counter _logDropped;
    private readonly Counter _logWritten;
    private readonly Gauge _challengerInfo;
    private readonly Counter _challengerLoads;
    private readonly Counter _offPathScores;
    private readonly Counter _shadowDropped;
    private readonly Counter _challengerErrors;
    private readonly Counter _canaryRequests;
    private string[]? _infoLabels;
    private string[]? _challengerLabels;

    public ModelServerMetrics(CollectorRegistry registry, string specialist)
    {
        _specialist = specialist;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        // "route", not "endpoint": the Prometheus Operator gives every scraped series an "endpoint" target label (the port).
        _requestDuration = factory.CreateHistogram(Prefix + MetricNames.ModelServerRequestDurationSeconds, "Time to answer an HTTP request, by route pattern, method and status code.",
            new HistogramConfiguration
            {
                LabelNames = [Specialist, "route", "method", "code"],
                Buckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
            });
        _confidence = factory.CreateHistogram(Prefix + MetricNames.ModelServerPredictionConfidence, "Confidence (winning score) of each prediction.",
            new HistogramConfiguration
            {
                LabelNames = [Specialist, ModelVersion],
                Buckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.9, 0.95, 0.99],
            });
        _predictions = factory.CreateCounter(Prefix + MetricNames.ModelServerPredictionsTotal, "Predictions served, by predicted label (the class distribution).",
            new CounterConfiguration { LabelNames = [Specialist, ModelVersion, "predicted_label"] });
        _feedback = factory.CreateCounter(Prefix + MetricNames.ModelServerFeedbackTotal,
            "Feedback received, by outcome: correct/incorrect (a label was given), positive/neutral/negative (a rating only), unknown_prediction, invalid.",
            new CounterConfiguration { LabelNames = [Specialist, ModelVersion, "outcome"] });
        _labelledFeedback = factory.CreateCounter(Prefix + MetricNames.ModelServerLabelledFeedbackTotal,
            "People's feedback stored with a true label, by text: kept (stored with the prediction's text, so a retrain can learn from it) or missing (see PREDICTION_TEXT_RETENTION).",
            new CounterConfiguration { LabelNames = [Specialist, ModelVersion, "text"] });
        _modelInfo = factory.CreateGauge(Prefix + MetricNames.ModelServerModelInfo, "1 for the model being served, labelled with its name, version and origin (registry, cache, file).",
            new GaugeConfiguration { LabelNames = [Specialist, "model_name", ModelVersion, "origin"] });
        _loads = factory.CreateCounter(Prefix + MetricNames.ModelServerModelLoadsTotal, "Model load attempts, by outcome: loaded, refused (failed a check; the current model stays), failed (source unreachable).",
            new CounterConfiguration { LabelNames = [Specialist, "outcome"] });
        _swaps = factory.CreateCounter(Prefix + MetricNames.ModelServerModelSwapsTotal, "Times a newly loaded model replaced the one being served.",
            new CounterConfiguration { LabelNames = [Specialist] });
        _logDropped = factory.CreateCounter(Prefix + MetricNames.ModelServerPredictionLogDroppedTotal, "Predictions not logged: queue_full (the writer fell behind), write_failed (the store refused or was unreachable), shutdown (still queued when the server stopped).",
            new CounterConfiguration { LabelNames = [Specialist, "reason"] });
        _logWritten = factory.CreateCounter(Prefix + MetricNames.ModelServerPredictionLogWrittenTotal, "Predictions written to the prediction log.",
            new CounterConfiguration { LabelNames = [Specialist] });
        _challengerInfo = factory.CreateGauge(Prefix + MetricNames.ModelServerChallengerInfo, "1 for the challenger held beside the champion, labelled with its name, version and mode (shadow, canary); absent when none is held.",
            new GaugeConfiguration { LabelNames = [Specialist, "model_name", ModelVersion, "mode"] });
        _challengerLoads = factory.CreateCounter(Prefix + MetricNames.ModelServerChallengerLoadsTotal, "Challenger load attempts, by outcome: loaded, refused (failed a check), label_mismatch (its labels differ from the champion's), failed (registry unreachable), unloaded.",
            new CounterConfiguration { LabelNames = [Specialist, "outcome"] });
        _offPathScores = factory.CreateCounter(Prefix + MetricNames.ModelServerOffPathScoresTotal, "Predictions scored off the request path, by role: challenger (shadow of a champion answer), champion_shadow (the champion beside a canary answer).",
            new CounterConfiguration { LabelNames = [Specialist, "role"] });
        _shadowDropped = factory.CreateCounter(Prefix + MetricNames.ModelServerShadowQueueDroppedTotal, "Off-path scoring requests dropped because the shadow queue was full (the answers were served).",
            new CounterConfiguration { LabelNames = [Specialist] });
        _challengerErrors = factory.CreateCounter(Prefix + MetricNames.ModelServerChallengerErrorsTotal, "Failures beside the champion, by role: canary (the champion answered instead), challenger or champion_shadow (an off-path score was lost).",
            new CounterConfiguration { LabelNames = [Specialist, "role"] });
        _canaryRequests = factory.CreateCounter(Prefix + MetricNames.ModelServerCanaryRequestsTotal, "Requests answered by the challenger as a canary.",
            new CounterConfiguration { LabelNames = [Specialist] });
        QueueLength = factory.CreateGauge(Prefix + MetricNames.ModelServerPredictionLogQueueLength, "Predictions waiting to be written to the prediction log.",
            new GaugeConfiguration { LabelNames = [Specialist] }).WithLabels(specialist);
    }

    /// <summary>Instruments bound to one model version, created once per loaded model so the request path does no label lookups.</summary>
    public ModelInstruments For(ModelIdentity identity, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(labels);
        var byLabel = labels.ToDictionary(l => l, l => _predictions.WithLabels(_specialist, identity.Version, l), StringComparer.Ordinal);
        return new ModelInstruments(_confidence.WithLabels(_specialist, identity.Version), byLabel);
    }

    public Histogram.Child RequestDuration(string route, string method, int statusCode) =>
        _requestDuration.WithLabels(_specialist, route, method, StatusCodes.Text(statusCode));

    public void Feedback(string modelVersion, string outcome) => _feedback.WithLabels(_specialist, modelVersion, outcome).Inc();

    /// <summary>Counts labelled feedback stored with its prediction's text (<paramref name="textKept"/>) or without.</summary>
    public void LabelledFeedback(string modelVersion, bool textKept) =>
        _labelledFeedback.WithLabels(_specialist, modelVersion, textKept ? "kept" : "missing").Inc();

    public void Load(string outcome) => _loads.WithLabels(_specialist, outcome).Inc();

    /// <summary>Points <c>model_info</c> at <paramref name="identity"/> (removing the previous model's series) and counts a swap when one model replaced another.</summary>
    public void Serving(ModelIdentity identity, bool replaced)
    {
        ArgumentNullException.ThrowIfNull(identity);
        string[] labels = [_specialist, identity.Name, identity.Version, identity.Origin];
        var previous = Interlocked.Exchange(ref _infoLabels, labels);
        if (previous is not null) _modelInfo.RemoveLabelled(previous);
        _modelInfo.WithLabels(labels).Set(1);
        if (replaced) _swaps.WithLabels(_specialist).Inc();
    }

    public void ChallengerLoad(string outcome) => _challengerLoads.WithLabels(_specialist, outcome).Inc();

    /// <summary>Points <c>challenger_info</c> at <paramref name="identity"/> in <paramref name="mode"/>, removing the previous series.</summary>
    public void ChallengerServing(ModelIdentity identity, string mode)
    {
        ArgumentNullException.ThrowIfNull(identity);
        string[] labels = [_specialist, identity.Name, identity.Version, mode];
        var previous = Interlocked.Exchange(ref _challengerLabels, labels);
        if (previous is not null) _challengerInfo.RemoveLabelled(previous);
        _challengerInfo.WithLabels(labels).Set(1);
    }

    /// <summary>No challenger is held: <c>challenger_info</c> has no series.</summary>
    public void ChallengerUnloaded()
    {
        if (Interlocked.Exchange(ref _challengerLabels, null) is { } previous) _challengerInfo.RemoveLabelled(previous);
    }

    public void OffPathScored(string role, int count) => _offPathScores.WithLabels(_specialist, role).Inc(count);

    public void ShadowDropped() => _shadowDropped.WithLabels(_specialist).Inc();

    public void ChallengerError(string role) => _challengerErrors.WithLabels(_specialist, role).Inc();

    public void CanaryRequest() => _canaryRequests.WithLabels(_specialist).Inc();

    public void LogDropped(string reason, int count) => _logDropped.WithLabels(_specialist, reason).Inc(count);

    public void LogWritten(int count) => _logWritten.WithLabels(_specialist).Inc(count);

    public Gauge.Child QueueLength { get; }

    /// <summary>Status codes as label values without allocating for the common ones.</summary>
    private static class StatusCodes
    {
        public static string Text(int code) => code switch
        {
            200 => "200", 400 => "400", 404 => "404", 413 => "413", 415 => "415", 500 => "500", 503 => "503",
            _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>The prediction instruments of one model version.</summary>
public sealed class ModelInstruments(Histogram.Child confidence, IReadOnlyDictionary<string, Counter.Child> predictionsByLabel)
{
    public void Predicted(string label, double value)
    {
        confidence.Observe(value);
        if (predictionsByLabel.TryGetValue(label, out var counter)) counter.Inc();
    }
}
