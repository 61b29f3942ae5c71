namespace Sentinel.Operator.Runtime;

/// <summary>What the health endpoints report: whether this replica leads, and whether its caches are synced.</summary>
public sealed class OperatorState
{
    private volatile bool _leading;
    private volatile bool _synced;

    public bool Leading { get => _leading; set => _leading = value; }

    public bool Synced { get => _synced; set => _synced = value; }

    /// <summary>Ready to serve: a standby replica is ready; a leader once its caches hold the cluster's state.</summary>
    public bool Ready => !_leading || _synced;
}
