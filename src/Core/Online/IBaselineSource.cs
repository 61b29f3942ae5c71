using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>
/// Reads what a champion was promoted with: its class distribution (<see cref="BaselineArtifact"/>), the reference of
/// prediction drift; its metrics on the evaluation set (<see cref="BaselineMetricsArtifact"/>), the reference of
/// relative degradation; and its reference sample of input features (<see cref="ReferenceFeaturesArtifact"/>), the
/// reference of input drift.
/// </summary>
public interface IBaselineSource
{
    /// <summary>The baseline recorded on <paramref name="runId"/>; null when the run or its artifact does not exist (drift is then unavailable, not zero).</summary>
    Task<ClassDistribution?> FindAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The baseline metrics recorded on <paramref name="runId"/>; null when the run or its artifact does not exist.</summary>
    Task<BaselineMetrics?> FindMetricsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The reference sample recorded on <paramref name="runId"/>; null when the run or its artifact does not exist (input drift is then unavailable).</summary>
    Task<ReferenceFeatures?> FindReferenceAsync(string runId, CancellationToken cancellationToken);
}

/// <summary>
/// Stores a baseline the monitor created (<see cref="BaselineCreation"/>) on the champion's run, so that it is created
/// once: the class distribution first when given, the metrics last (their presence marks the baseline as created).
/// An unreachable store throws <see cref="Errors.DependencyUnavailableException"/>, a refused write
/// <see cref="Tracking.TrackingException"/>.
/// </summary>
public interface IBaselineRecorder
{
    Task RecordAsync(string runId, BaselineMetrics metrics, ClassDistribution? distribution, CancellationToken cancellationToken);
}
