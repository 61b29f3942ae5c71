using Prometheus;
using Sentinel.ModelServer.Models;

namespace Sentinel.ModelServer.Metrics;

/// <summary>
/// Every metric the model server exports on <c>/metrics</c>, defined in one place: <c>sentinel_model_server_*</c>,
/// labels of low cardinality only (specialist, model version, label, endpoint, outcome; never an id or a text).
/// </summary>
public sealed class ModelServerMetrics
{
    public const string Prefix = Sentinel.Core.Metrics.MetricNames.DefaultPrefix + "model_server_";

    private readonly string _specialist;
    private readonly Histogram _requestDuration;
    private readonly Histogram _confidence;
    private readonly Counter _predictions;
    private readonly Counter _feedback;
    private readonly Gauge _modelInfo;
    private readonly Counter _loads;
    private readonly Counter _swaps;
    private readonly Counter _logDropped;
    private readonly Counter _logWritten;
    private string[]? _infoLabels;

    public ModelServerMetrics(CollectorRegistry registry, string specialist)
    {
        _specialist = specialist;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _requestDuration = factory.CreateHistogram(Prefix + "request_duration_seconds", "Time to answer an HTTP request, by endpoint route, method and status code.",
            new HistogramConfiguration
            {
                LabelNames = ["endpoint", "method", "status_code"],
                Buckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
            });
        _confidence = factory.CreateHistogram(Prefix + "prediction_confidence", "Confidence (winning score) of each prediction.",
            new HistogramConfiguration
            {
                LabelNames = ["specialist", "model_version"],
                Buckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.9, 0.95, 0.99],
            });
        _predictions = factory.CreateCounter(Prefix + "predictions_total", "Predictions served, by predicted label (the class distribution).",
            new CounterConfiguration { LabelNames = ["specialist", "model_version", "label"] });
        _feedback = factory.CreateCounter(Prefix + "feedback_total",
            "Feedback received, by outcome: correct/incorrect (a label was given), positive/neutral/negative (a rating only), unknown_prediction, invalid.",
            new CounterConfiguration { LabelNames = ["specialist", "model_version", "outcome"] });
        _modelInfo = factory.CreateGauge(Prefix + "model_info", "1 for the model being served, labelled with its name, version and origin (registry, cache, file).",
            new GaugeConfiguration { LabelNames = ["specialist", "model_name", "model_version", "origin"] });
        _loads = factory.CreateCounter(Prefix + "model_loads_total", "Model load attempts, by outcome: loaded, refused (failed a check; the current model stays), failed (source unreachable).",
            new CounterConfiguration { LabelNames = ["specialist", "outcome"] });
        _swaps = factory.CreateCounter(Prefix + "model_swaps_total", "Times a newly loaded model replaced the one being served.",
            new CounterConfiguration { LabelNames = ["specialist"] });
        _logDropped = factory.CreateCounter(Prefix + "prediction_log_dropped_total", "Predictions not logged: queue_full (the writer fell behind), write_failed (the store refused or was unreachable), shutdown (still queued when the server stopped).",
            new CounterConfiguration { LabelNames = ["specialist", "reason"] });
        _logWritten = factory.CreateCounter(Prefix + "prediction_log_written_total", "Predictions written to the prediction log.",
            new CounterConfiguration { LabelNames = ["specialist"] });
        QueueLength = factory.CreateGauge(Prefix + "prediction_log_queue_length", "Predictions waiting to be written to the prediction log.",
            new GaugeConfiguration { LabelNames = ["specialist"] }).WithLabels(specialist);
    }

    /// <summary>Instruments bound to one model version, created once per loaded model so the request path does no label lookups.</summary>
    public ModelInstruments For(ModelIdentity identity, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(labels);
        var byLabel = labels.ToDictionary(l => l, l => _predictions.WithLabels(_specialist, identity.Version, l), StringComparer.Ordinal);
        return new ModelInstruments(_confidence.WithLabels(_specialist, identity.Version), byLabel);
    }

    public Histogram.Child RequestDuration(string endpoint, string method, int statusCode) =>
        _requestDuration.WithLabels(endpoint, method, StatusCodes.Text(statusCode));

    public void Feedback(string modelVersion, string outcome) => _feedback.WithLabels(_specialist, modelVersion, outcome).Inc();

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
