using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Online;

/// <summary>
/// Reads what AutoRetrain records on the champion's run at promotion: the baseline class distribution
/// (<see cref="BaselineArtifact.Path"/>) and the reference sample of input features (<see cref="ReferenceFeaturesArtifact.Path"/>).
/// A malformed artifact throws <see cref="FormatException"/> naming it.
/// </summary>
public sealed class TrackingBaselineSource(ITrackingStore tracking) : IBaselineSource
{
    /// <summary>The run's baseline; null when the run or its artifact does not exist (drift is then unavailable, not zero).</summary>
    public async Task<ClassDistribution?> FindAsync(string runId, CancellationToken cancellationToken) =>
        await DownloadAsync(runId, BaselineArtifact.Path, cancellationToken) is { } json ? BaselineArtifact.Parse(json) : null;

    /// <summary>The run's reference sample; null when the run or its artifact does not exist (input drift is then unavailable).</summary>
    public async Task<ReferenceFeatures?> FindReferenceAsync(string runId, CancellationToken cancellationToken) =>
        await DownloadAsync(runId, ReferenceFeaturesArtifact.Path, cancellationToken) is { } json ? ReferenceFeaturesArtifact.Parse(json) : null;

    private async Task<byte[]?> DownloadAsync(string runId, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (await tracking.GetRunAsync(runId, cancellationToken) is not { } run) return null;
        await using var stream = await tracking.DownloadArtifactAsync(run, path, cancellationToken);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
