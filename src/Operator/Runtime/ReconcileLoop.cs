using Microsoft.Extensions.Logging;

namespace Sentinel.Operator.Runtime;

/// <summary>
/// Runs one controller: workers take keys from its <see cref="WorkQueue{TKey}"/> and reconcile them; a result's
/// requeueAfter schedules the next look, an error requeues with exponential backoff.
/// </summary>
public sealed class ReconcileLoop(string controller, WorkQueue<ResourceKey> queue, IReconciler reconciler, int workers,
    OperatorMetrics metrics, TimeProvider time, ILogger logger)
{
    public string Controller => controller;

    public WorkQueue<ResourceKey> Queue => queue;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ResourceKey key;
            try
            {
                key = await queue.TakeAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            metrics.QueueDepth(controller, queue.Depth);
            await ProcessAsync(key, cancellationToken);
        }
    }

    private async Task ProcessAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Controller"] = controller, ["Namespace"] = key.Namespace, ["Name"] = key.Name });
        var started = time.GetTimestamp();
        try
        {
            var result = await reconciler.ReconcileAsync(key, cancellationToken);
            queue.Forget(key);
            if (result.RequeueAfter is { } after) queue.AddAfter(key, after);
            var elapsed = time.GetElapsedTime(started);
            metrics.Reconciled(controller, result.RequeueAfter is null ? "success" : "requeue", elapsed);
            RuntimeLog.Reconciled(logger, controller, key.Namespace, key.Name, elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down or leadership lost: the key is dropped; the next leader lists everything again.
        }
#pragma warning disable CA1031 // Any failure of a reconcile is retried with backoff; the runtime must not die of it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var attempt = queue.Failures(key) + 1;
            var delay = queue.AddRateLimited(key);
            metrics.Reconciled(controller, "error", time.GetElapsedTime(started));
            // The API server's answer says what went wrong (a refused field, a missing permission); its stack trace says nothing more.
            if (Kube.KubeErrors.Answer(e) is { } answer)
                RuntimeLog.ReconcileRefused(logger, controller, key.Namespace, key.Name, attempt, answer, delay.TotalMilliseconds);
            else
                RuntimeLog.ReconcileFailed(logger, e, controller, key.Namespace, key.Name, attempt, delay.TotalMilliseconds);
        }
        finally
        {
            queue.Done(key);
        }
    }
}
