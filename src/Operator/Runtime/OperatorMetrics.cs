using Prometheus;

namespace Sentinel.Operator.Runtime;

/// <summary>The operator's Prometheus metrics, defined in one place (<c>sentinel_operator_*</c>, labelled by controller).</summary>
public sealed class OperatorMetrics
{
    private readonly Counter _reconciles;
    private readonly Counter _errors;
    private readonly Histogram _duration;
    private readonly Gauge _depth;
    private readonly Counter _watchRestarts;
    private readonly Gauge _leader;
    private readonly Counter _wouldAct;

    public OperatorMetrics(CollectorRegistry? registry = null)
    {
        var f = Metrics.WithCustomRegistry(registry ?? Metrics.DefaultRegistry);
        _reconciles = f.CreateCounter("sentinel_operator_reconcile_total", "Reconciles run, by controller and result (success, requeue, error).", "controller", "result");
        _errors = f.CreateCounter("sentinel_operator_reconcile_errors_total", "Reconciles that failed and were retried with backoff.", "controller");
        _duration = f.CreateHistogram("sentinel_operator_reconcile_duration_seconds", "Time spent in one reconcile.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        _depth = f.CreateGauge("sentinel_operator_workqueue_depth", "Keys waiting in the work queue.", "controller");
        _watchRestarts = f.CreateCounter("sentinel_operator_watch_restarts_total", "Watch streams restarted, by resource and reason (closed, expired, error).", "resource", "reason");
        _leader = f.CreateGauge("sentinel_operator_leader", "1 while this replica holds the leader Lease.");
        _wouldAct = f.CreateCounter("sentinel_policy_would_act_total",
            "Decisions recorded and not acted on under spec.retraining.mode: observe, by action (retrain).", "action");
    }

    public void Reconciled(string controller, string result, TimeSpan elapsed)
    {
        _reconciles.WithLabels(controller, result).Inc();
        _duration.WithLabels(controller).Observe(elapsed.TotalSeconds);
        if (result == "error") _errors.WithLabels(controller).Inc();
    }

    public void QueueDepth(string controller, int depth) => _depth.WithLabels(controller).Set(depth);

    public void WatchRestarted(string resource, string reason) => _watchRestarts.WithLabels(resource, reason).Inc();

    public void Leading(bool leading) => _leader.Set(leading ? 1 : 0);

    public void WouldAct(string action) => _wouldAct.WithLabels(action).Inc();

    public double WouldActCount(string action) => _wouldAct.WithLabels(action).Value;

    public double ReconcileCount(string controller, string result) => _reconciles.WithLabels(controller, result).Value;
}
