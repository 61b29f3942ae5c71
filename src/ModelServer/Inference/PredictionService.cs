using Microsoft.Extensions.Options;
using Sentinel.Adapters.Inference;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Predictions;

namespace Sentinel.ModelServer.Inference;

/// <summary>A prediction as served: the log record (id, version, scores) and the classifier's scores by label.</summary>
public sealed record ServedPrediction(PredictionRecord Record, IReadOnlyDictionary<string, double> Scores, Models.ModelIdentity Model);

/// <summary>A batch of predictions, all made by <see cref="Model"/>.</summary>
public sealed record ServedBatch(IReadOnlyList<ServedPrediction> Predictions, Models.ModelIdentity Model);

/// <summary>
/// Predicts with the current model under a lease (a hot swap never pulls the session from under a request), counts
/// the prediction in the model's metrics (production traffic only: golden-set predictions are not counted), remembers
/// it for feedback and queues it for the prediction log, each with its text or not as <see cref="TextRetention"/> says.
/// </summary>
public sealed class PredictionService(
    ModelHolder holder, PredictionLogBuffer queue, RecentPredictions recent, IOptions<ModelServerOptions> options, TimeProvider time, InputFeatureSampler features)
{
    private readonly string _specialist = options.Value.SpecialistType;
    // Labelled and all keep the text among the recent predictions (a reference to the request's string, nothing copied)
    // for feedback to store; only all writes it to the prediction log.
    private readonly bool _rememberText = options.Value.EffectiveTextRetention != TextRetention.None;
    private readonly bool _logText = options.Value.EffectiveTextRetention == TextRetention.All;

    /// <summary>The prediction, or null when no model is loaded yet; <paramref name="source"/> goes to <see cref="PredictionRecord.Source"/>.</summary>
    public ServedPrediction? Predict(string text, string? source = null)
    {
        using var lease = holder.TryAcquire();
        if (lease.Model is not { } model) return null;
        return Serve(model, text, model.Classifier.Predict(text), source);
    }

    /// <summary>The predictions in order, or null when no model is loaded yet; <paramref name="source"/> goes to each <see cref="PredictionRecord.Source"/>.</summary>
    public ServedBatch? PredictBatch(IReadOnlyList<string> texts, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        using var lease = holder.TryAcquire();
        if (lease.Model is not { } model) return null;
        var predictions = model.Classifier.PredictBatch(texts);
        var served = new ServedPrediction[predictions.Count];
        for (var i = 0; i < served.Length; i++) served[i] = Serve(model, texts[i], predictions[i], source);
        return new ServedBatch(served, model.Identity);
    }

    private ServedPrediction Serve(ServedModel model, string text, TextPrediction prediction, string? source)
    {
        var labels = model.Labels;
        var scores = new LabelScore[labels.Count];
        var predicted = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = new LabelScore(labels[i], prediction.Scores[labels[i]]);
            if (labels[i] == prediction.Label) predicted = i;
        }
        var now = time.GetUtcNow();
        var record = new PredictionRecord
        {
            PredictionId = recent.Remember(now, model.Predicting, predicted, _rememberText ? text : null).ToString("N"),
            SpecialistType = _specialist,
            ModelVersion = model.Identity.Version,
            Label = prediction.Label,
            Confidence = prediction.Confidence,
            Scores = scores,
            Text = _logText ? text : null,
            // Golden-set texts are not production inputs: the input drift test must not see them.
            Features = source is null ? features.Sample(text) : null,
            Source = source,
            CreatedAt = now,
        };
        // The predicted-class counters and the confidence histogram describe production traffic, as the online signals do.
        if (source is null) model.Instruments.Predicted(prediction.Label, prediction.Confidence);
        queue.TryEnqueue(record);
        return new ServedPrediction(record, prediction.Scores, model.Identity);
    }
}
