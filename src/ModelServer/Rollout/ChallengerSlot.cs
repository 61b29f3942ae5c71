using Sentinel.ModelServer.Inference;

namespace Sentinel.ModelServer.Rollout;

/// <summary>
/// The challenger held beside the champion (registry alias <c>challenger</c>) and its <see cref="RolloutPlan"/>. Leases
/// and hot swaps work as for the champion (<see cref="ModelHolder"/>); none is held when no challenger is registered.
/// </summary>
public sealed class ChallengerSlot : IDisposable
{
    private RolloutPlan _plan = RolloutPlan.Default;

    public ModelHolder Holder { get; } = new();

    /// <summary>The challenger now held, for status and metrics (take a lease to predict with it).</summary>
    public ServedModel? Current => Holder.Current;

    public RolloutPlan Plan => Volatile.Read(ref _plan);

    /// <summary>A lease on the challenger and the plan in force, or an empty lease when none is held.</summary>
    public ChallengerLease TryAcquire()
    {
        var lease = Holder.TryAcquire();
        return new ChallengerLease(lease, Plan);
    }

    internal void SetPlan(RolloutPlan plan) => Volatile.Write(ref _plan, plan);

    public void Dispose() => Holder.Dispose();
}

/// <summary>A request's lease on the challenger (<see cref="Model"/> null when none is held) with the plan it was taken under.</summary>
public readonly struct ChallengerLease(ModelLease lease, RolloutPlan plan) : IDisposable
{
    public ServedModel? Model => lease.Model;

    public RolloutPlan Plan { get; } = plan;

    public void Dispose() => lease.Dispose();
}
