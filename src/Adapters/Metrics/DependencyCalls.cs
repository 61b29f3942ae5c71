using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Sentinel.Core.Metrics;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Metrics;

/// <summary>
/// Remembers, per dependency (<c>mlflow</c>, <c>mongodb</c>, and the notification channels <c>slack</c> and
/// <c>email</c>), whether the last call this process made reached it, by listening to the adapters' counters (meters
/// <c>Sentinel.Mlflow</c>, <c>Sentinel.MongoDB</c>, <c>Sentinel.Notifications</c>) of this process's <see cref="IMeterFactory"/>. A batch job takes the snapshot after each specialist's run and pushes it
/// (see <see cref="DependencyMetrics"/>), since nothing scrapes the job's own meters.
/// </summary>
public sealed class DependencyCalls : IDisposable
{
    public const string Mlflow = "mlflow";
    public const string MongoDb = "mongodb";

    private readonly IMeterFactory _meters;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, bool> _reached = new(StringComparer.Ordinal);

    public DependencyCalls(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meters = meters;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (DependencyOf(instrument) is not null) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>(OnCall);
        _listener.Start();
    }

    /// <summary>Dependency → whether its last call since the previous snapshot reached it; then starts afresh.</summary>
    public IReadOnlyDictionary<string, bool> TakeSnapshot()
    {
        var snapshot = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var dependency in _reached.Keys)
            if (_reached.TryRemove(dependency, out var reached)) snapshot[dependency] = reached;
        return snapshot;
    }

    public void Dispose() => _listener.Dispose();

    private const string Deliveries = "deliveries";

    // The instruments the integrations publish (Sentinel.Adapters.Mlflow, .Feedback, .Notifications): named here
    // from the shared constants, so this project references none of them.
    private static readonly string MlflowRequests = MeterNames.Instrument(MeterNames.Mlflow, MetricNames.MlflowRequestsTotal);
    private static readonly string MongoDbRequests = MeterNames.Instrument(MeterNames.MongoDb, MetricNames.MongoDbRequestsTotal);
    private static readonly string NotificationDeliveries = MeterNames.Instrument(MeterNames.Notifications, MetricNames.NotificationsDeliveriesTotal);

    private string? DependencyOf(Instrument instrument)
    {
        if (!ReferenceEquals(instrument.Meter.Scope, _meters)) return null;
        return (instrument.Meter.Name, instrument.Name) switch
        {
            (MeterNames.Mlflow, var name) when name == MlflowRequests => Mlflow,
            (MeterNames.MongoDb, var name) when name == MongoDbRequests => MongoDb,
            (MeterNames.Notifications, var name) when name == NotificationDeliveries => Deliveries,
            _ => null,
        };
    }

    private void OnCall(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (DependencyOf(instrument) is not { } dependency) return;
        string? outcome = null, channel = null;
        foreach (var (key, value) in tags)
        {
            if (key == "outcome") outcome = value as string;
            else if (key == "channel") channel = value as string;
        }
        if (dependency == Deliveries)
        {
            // A channel that is not configured or unknown was not called; the console is no dependency.
            if (channel is NotificationTarget.Slack or NotificationTarget.Email && outcome is "sent" or "failed")
                _reached[channel] = outcome == "sent";
            return;
        }
        // Any answer, even "not found" or a refusal, means the server was reached; a cancelled call says nothing.
        if (outcome is null or "cancelled") return;
        _reached[dependency] = outcome != "unavailable";
    }
}
