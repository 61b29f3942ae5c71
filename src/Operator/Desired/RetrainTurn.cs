using Sentinel.Adapters.Kubernetes;

namespace Sentinel.Operator.Desired;

/// <summary>
/// One retrain at a time per specialist, for every run however it was created (by the operator on degradation or by a
/// person with kubectl): a run starts its Job only when no other unfinished run of the same specialist has started or
/// was created before it. The others wait in phase <see cref="RetrainPhase.Queued"/>, oldest first.
/// </summary>
public static class RetrainTurn
{
    /// <summary>The run that <paramref name="run"/> must wait for, or null when it may start now.</summary>
    public static V1Alpha1RetrainRun? Ahead(V1Alpha1RetrainRun run, IEnumerable<V1Alpha1RetrainRun> runs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(runs);
        if (HasStarted(run)) return null;
        return runs
            .Where(r => r.Metadata.NamespaceProperty == run.Metadata.NamespaceProperty && r.Spec.Specialist == run.Spec.Specialist
                && r.Metadata.Name != run.Metadata.Name && r.Metadata.DeletionTimestamp is null && !RetrainPhase.IsTerminal(r.Status?.Phase))
            .Where(r => HasStarted(r) || Order(r, run) < 0)
            .Order(Comparer<V1Alpha1RetrainRun>.Create(Order))
            .FirstOrDefault();
    }

    /// <summary>The message a queued run shows.</summary>
    public static string Waiting(V1Alpha1RetrainRun ahead)
    {
        ArgumentNullException.ThrowIfNull(ahead);
        return $"waiting for RetrainRun {ahead.Metadata.Name} to finish: one retrain at a time per specialist";
    }

    /// <summary>Its Job exists or AutoRetrain reports progress: it runs whatever the queue's order.</summary>
    private static bool HasStarted(V1Alpha1RetrainRun run) => run.Status?.JobName is not null || RetrainPhase.IsInProgress(run.Status?.Phase);

    /// <summary>The queue's order: creation time, then name (two runs created in the same second still have an order).</summary>
    private static int Order(V1Alpha1RetrainRun? a, V1Alpha1RetrainRun? b)
    {
        var byTime = (a?.Metadata.CreationTimestamp ?? DateTime.MaxValue).CompareTo(b?.Metadata.CreationTimestamp ?? DateTime.MaxValue);
        return byTime != 0 ? byTime : string.CompareOrdinal(a?.Metadata.Name, b?.Metadata.Name);
    }
}
