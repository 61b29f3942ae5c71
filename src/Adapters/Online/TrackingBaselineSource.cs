using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Online;

/// <summary>Reads the baseline class distribution that AutoRetrain records on the champion's run (<see cref="BaselineArtifact.Path"/>).</summary>
public sealed class TrackingBaselineSource(ITrackingStore tracking) : IBaselineSource
{
    /// <summary>The run's baseline; null when the run or its artifact does not exist (drift is then unavailable, not zero).</summary>
    public async Task<ClassDistribution?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (await tracking.GetRunAsync(runId, cancellationToken) is not { } run) return null;
        await using var stream = await tracking.DownloadArtifactAsync(run, BaselineArtifact.Path, cancellationToken);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return BaselineArtifact.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
