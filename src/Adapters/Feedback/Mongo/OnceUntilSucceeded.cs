namespace Sentinel.Adapters.Feedback.Mongo;

/// <summary>
/// Runs an idempotent set-up step (index creation) once per instance: callers share the attempt in flight, a
/// successful attempt is never repeated, and a failed or cancelled one is retried by the next caller.
/// </summary>
public sealed class OnceUntilSucceeded(Func<Task> step)
{
    private readonly Lock _gate = new();
    private Task? _attempt;

    /// <summary>Completes when the step has succeeded; <paramref name="cancellationToken"/> only stops this caller's wait.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled) _attempt = step();
            return _attempt.IsCompletedSuccessfully ? Task.CompletedTask : _attempt.WaitAsync(cancellationToken);
        }
    }
}
