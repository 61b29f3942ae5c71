using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Predictions;

namespace Sentinel.ModelServer.Rollout;

/// <summary>
/// Drains <see cref="OffPathBuffer"/> on one background worker: scores each text with the queued model and logs the result
/// beside the served prediction (same prediction id and creation time, its own role and model version, no text or
/// features), through the prediction log's queue. A model that throws loses that score (counted in
/// <c>challenger_errors_total</c>); a slow one only lets the queue fill, and the queue drops. Neither reaches a caller.
/// </summary>
public sealed class OffPathScorer(OffPathBuffer queue, PredictionLogBuffer log, ModelServerMetrics metrics, ILogger<OffPathScorer> logger) : BackgroundService
{
    private int _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host's StartAsync returns before the first item is read.
        await Task.Yield();
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
            {
                queue.Drained();
                Score(work);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: what is still queued is lost, as the prediction log's shutdown drops are.
        }
        while (queue.Reader.TryRead(out var left)) left.Model.Release();
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        return base.StopAsync(cancellationToken);
    }

    /// <summary>Scores one piece of work and queues its records for the prediction log.</summary>
    internal void Score(OffPathWork work)
    {
        try
        {
            var model = work.Model;
            for (var i = 0; i < work.Texts.Count; i++)
            {
                var prediction = model.Scorer.Predict(work.Texts[i]);
                var labels = model.Labels;
                var scores = new LabelScore[labels.Count];
                for (var j = 0; j < scores.Length; j++) scores[j] = new LabelScore(labels[j], prediction.Scores[labels[j]]);
                var served = work.Served[i];
                log.TryEnqueue(new PredictionRecord
                {
                    PredictionId = served.PredictionId,
                    SpecialistType = served.SpecialistType,
                    ModelVersion = model.Identity.Version,
                    Label = prediction.Label,
                    Confidence = prediction.Confidence,
                    Scores = scores,
                    Role = work.Role,
                    CreatedAt = served.CreatedAt,
                });
            }
            metrics.OffPathScored(work.Role, work.Texts.Count);
            Volatile.Write(ref _failing, 0);
        }
        catch (Exception e)
        {
            metrics.ChallengerError(work.Role);
            if (Interlocked.Exchange(ref _failing, 1) == 0)
                Log.ChallengerFailed(logger, work.Served[0].SpecialistType, work.Model.Identity.Version, work.Role, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            work.Model.Release();
        }
    }
}
