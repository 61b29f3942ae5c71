using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>Reads the class distribution a champion was promoted with (<see cref="BaselineArtifact"/>), the reference of prediction drift.</summary>
public interface IBaselineSource
{
    /// <summary>The baseline recorded on <paramref name="runId"/>; null when the run or its artifact does not exist (drift is then unavailable, not zero).</summary>
    Task<ClassDistribution?> FindAsync(string runId, CancellationToken cancellationToken);
}
