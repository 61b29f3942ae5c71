using Microsoft.Extensions.Options;
using Sentinel.Adapters.Inference;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Predictions;
using Sentinel.ModelServer.Rollout;

namespace Sentinel.ModelServer.Inference;

/// <summary>A prediction as served: the log record (id, version, role, scores) and the classifier's scores by label.</summary>
public sealed record ServedPrediction(PredictionRecord Record, IReadOnlyDictionary<string, double> Scores, Models.ModelIdentity Model)
{
    /// <summary>Which model answered: <see cref="PredictionRoles.Champion"/> or <see cref="PredictionRoles.Canary"/>.</summary>
    public string Role => Record.Role ?? PredictionRoles.Champion;
}

/// <summary>A batch of predictions, all made by <see cref="Model"/>.</summary>
public sealed record ServedBatch(IReadOnlyList<ServedPrediction> Predictions, Models.ModelIdentity Model)
{
    public string Role => Predictions.Count > 0 ? Predictions[0].Role : PredictionRoles.Champion;
}

/// <summary>
/// Predicts with the current model under a lease (a hot swap never pulls the session from under a request), counts
/// the prediction in the model's metrics (production traffic only: golden-set predictions are not counted), remembers
/// it for feedback and queues it for the prediction log, each with its text or not as <see cref="TextRetention"/> says.
/// </summary>
/// <remarks>
/// With a challenger held (<see cref="ChallengerSlot"/>), production requests follow its <see cref="RolloutPlan"/>: in canary
/// mode a share is answered by the challenger (role <c>canary</c>; a challenger that throws leaves the answer to the
/// champion), and the other model scores a share of the requests off the request path (<see cref="OffPathBuffer"/>): the
/// challenger beside a champion answer (role <c>challenger</c>), the champion beside a canary answer
/// (<c>champion_shadow</c>). Golden-set requests are the champion's alone. A batch is routed as one.
/// </remarks>
public sealed class PredictionService(
    ModelHolder holder, PredictionLogBuffer queue, RecentPredictions recent, IOptions<ModelServerOptions> options, TimeProvider time, InputFeatureSampler features,
    ChallengerSlot challenger, RolloutRouter router, OffPathBuffer offPath, ModelServerMetrics metrics, ILogger<PredictionService> logger)
{
    private readonly string _specialist = options.Value.SpecialistType;
    // Labelled and all keep the text among the recent predictions (a reference to the request's string, nothing copied)
    // for feedback to store; only all writes it to the prediction log.
    private readonly bool _rememberText = options.Value.EffectiveTextRetention != TextRetention.None;
    private readonly bool _logText = options.Value.EffectiveTextRetention == TextRetention.All;

    /// <summary>
    /// The prediction, or null when no model is loaded yet; <paramref name="source"/> goes to <see cref="PredictionRecord.Source"/>;
    /// <paramref name="routingKey"/> keeps a caller on one model in canary mode.
    /// </summary>
    public ServedPrediction? Predict(string text, string? source = null, string? routingKey = null)
    {
        using var lease = holder.TryAcquire();
        if (lease.Model is not { } champion) return null;
        using var rival = source is null ? challenger.TryAcquire() : default;
        if (rival.Model is not { } other) return Serve(champion, text, champion.Scorer.Predict(text), source, null);

        var plan = rival.Plan;
        if (plan.Mode == RolloutMode.Canary && router.ChallengerAnswers(routingKey, plan.CanaryShare)
            && TryPredict(other, text) is { } canary)
        {
            metrics.CanaryRequest();
            var answer = Serve(other, text, canary, null, PredictionRoles.Canary);
            if (router.ScoresOffPath(plan.ShadowShare)) offPath.TryEnqueue(champion, PredictionRoles.ChampionShadow, [text], [answer.Record]);
            return answer;
        }
        var served = Serve(champion, text, champion.Scorer.Predict(text), null, null);
        if (router.ScoresOffPath(plan.ShadowShare)) offPath.TryEnqueue(other, PredictionRoles.Challenger, [text], [served.Record]);
        return served;
    }

    /// <summary>The predictions in order, or null when no model is loaded yet; <paramref name="source"/> goes to each <see cref="PredictionRecord.Source"/>.</summary>
    public ServedBatch? PredictBatch(IReadOnlyList<string> texts, string? source = null, string? routingKey = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        using var lease = holder.TryAcquire();
        if (lease.Model is not { } champion) return null;
        using var rival = source is null ? challenger.TryAcquire() : default;
        if (rival.Model is not { } other) return ServeBatch(champion, texts, champion.Scorer.PredictBatch(texts), source, null);

        var plan = rival.Plan;
        if (plan.Mode == RolloutMode.Canary && router.ChallengerAnswers(routingKey, plan.CanaryShare)
            && TryPredictBatch(other, texts) is { } canary)
        {
            metrics.CanaryRequest();
            var answer = ServeBatch(other, texts, canary, null, PredictionRoles.Canary);
            if (router.ScoresOffPath(plan.ShadowShare)) offPath.TryEnqueue(champion, PredictionRoles.ChampionShadow, texts, Records(answer));
            return answer;
        }
        var served = ServeBatch(champion, texts, champion.Scorer.PredictBatch(texts), null, null);
        if (router.ScoresOffPath(plan.ShadowShare)) offPath.TryEnqueue(other, PredictionRoles.Challenger, texts, Records(served));
        return served;
    }

    private static PredictionRecord[] Records(ServedBatch batch) => [.. batch.Predictions.Select(p => p.Record)];

    private TextPrediction? TryPredict(ServedModel canary, string text)
    {
        try
        {
            return canary.Scorer.Predict(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failed(canary, e);
            return null;
        }
    }

    private IReadOnlyList<TextPrediction>? TryPredictBatch(ServedModel canary, IReadOnlyList<string> texts)
    {
        try
        {
            return canary.Scorer.PredictBatch(texts);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failed(canary, e);
            return null;
        }
    }

    private void Failed(ServedModel canary, Exception e)
    {
        metrics.ChallengerError(PredictionRoles.Canary);
        Log.ChallengerFailed(logger, _specialist, canary.Identity.Version, PredictionRoles.Canary, $"{e.GetType().Name}: {e.Message}");
    }

    private ServedBatch ServeBatch(ServedModel model, IReadOnlyList<string> texts, IReadOnlyList<TextPrediction> predictions, string? source, string? role)
    {
        var served = new ServedPrediction[predictions.Count];
        for (var i = 0; i < served.Length; i++) served[i] = Serve(model, texts[i], predictions[i], source, role);
        return new ServedBatch(served, model.Identity);
    }

    private ServedPrediction Serve(ServedModel model, string text, TextPrediction prediction, string? source, string? role)
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
            // Golden-set texts are not production inputs, and the drift test reads the champion's answers only.
            Features = source is null && role is null ? features.Sample(text) : null,
            Source = source,
            Role = role,
            CreatedAt = now,
        };
        // The predicted-class counters and the confidence histogram describe production traffic, as the online signals do.
        if (source is null) model.Instruments.Predicted(prediction.Label, prediction.Confidence);
        queue.TryEnqueue(record);
        return new ServedPrediction(record, prediction.Scores, model.Identity);
    }
}
