using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>
/// Reads what a champion was promoted with: its class distribution (<see cref="BaselineArtifact"/>), the reference of
/// prediction drift, and its reference sample of input features (<see cref="ReferenceFeaturesArtifact"/>), the reference of input drift.
/// </summary>
public interface IBaselineSource
{
    /// <summary>The baseline recorded on <paramref name="runId"/>; null when the run or its artifact does not exist (drift is then unavailable, not zero).</summary>
    Task<ClassDistribution?> FindAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The reference sample recorded on <paramref name="runId"/>; null when the run or its artifact does not exist (input drift is then unavailable).</summary>
    Task<ReferenceFeatures?> FindReferenceAsync(string runId, CancellationToken cancellationToken);
}
