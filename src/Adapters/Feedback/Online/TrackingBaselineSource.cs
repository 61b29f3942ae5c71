using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Online;

/// <summary>
/// Reads what AutoRetrain records on the champion's run at promotion: the baseline class distribution
/// (<see cref="BaselineArtifact.Path"/>), the baseline metrics (<see cref="BaselineMetricsArtifact.Path"/>) and the
/// reference sample of input features (<see cref="ReferenceFeaturesArtifact.Path"/>). A malformed artifact throws
/// <see cref="FormatException"/> naming it. Writes the baseline the monitor creates for a champion without one as the
/// same run artifacts.
/// </summary>
/// <remarks>
/// The class distribution and the reference sample are read from the newest drift reference the run holds
/// (<see cref="DriftReferenceArtifact"/>): version 1 recorded at promotion, or the version a refresh wrote.
/// </remarks>
public sealed class TrackingBaselineSource(ITrackingStore tracking) : IBaselineSource, IBaselineRecorder, IDriftReferenceStore
{
    /// <summary>The run's baseline (of its newest drift reference); null when the run or its artifact does not exist (drift is then unavailable, not zero).</summary>
    public async Task<ClassDistribution?> FindAsync(string runId, CancellationToken cancellationToken) =>
        await DownloadAsync(runId, DriftReferenceArtifact.DistributionPath(await VersionAsync(runId, cancellationToken)), cancellationToken) is { } json
            ? BaselineArtifact.Parse(json) : null;

    public async Task<DriftReferenceInfo?> FindInfoAsync(string runId, CancellationToken cancellationToken)
    {
        if (await DownloadAsync(runId, DriftReferenceArtifact.PointerPath, cancellationToken) is { } pointer) return DriftReferenceArtifact.ParsePointer(pointer, runId);
        if (await tracking.GetRunAsync(runId, cancellationToken) is not { } run) return null;
        foreach (var path in new[] { BaselineArtifact.Path, ReferenceFeaturesArtifact.Path })
        {
            await using var stream = await tracking.DownloadArtifactAsync(run, path, cancellationToken);
            if (stream is not null) return new DriftReferenceInfo(1, DriftReferenceSource.Promotion, runId, null, null);
        }
        return null;
    }

    public async Task RecordAsync(DriftReferenceInfo info, ClassDistribution distribution, ReferenceFeatures features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(features);
        var run = await tracking.GetRunAsync(info.RunId, cancellationToken)
            ?? throw new TrackingException("RESOURCE_DOES_NOT_EXIST", $"run {info.RunId} does not exist, so no drift reference can be stored on it");
        await UploadAsync(run, DriftReferenceArtifact.DistributionPath(info.Version), BaselineArtifact.Serialize(distribution), cancellationToken);
        await UploadAsync(run, DriftReferenceArtifact.FeaturesPath(info.Version), ReferenceFeaturesArtifact.Serialize(features), cancellationToken);
        await UploadAsync(run, DriftReferenceArtifact.PointerPath, DriftReferenceArtifact.SerializePointer(info), cancellationToken);
    }

    private async Task<int> VersionAsync(string runId, CancellationToken cancellationToken) =>
        await DownloadAsync(runId, DriftReferenceArtifact.PointerPath, cancellationToken) is { } pointer ? DriftReferenceArtifact.ParsePointer(pointer, runId).Version : 1;

    /// <summary>The run's baseline metrics; null when the run or its artifact does not exist (relative degradation is then unknown).</summary>
    public async Task<BaselineMetrics?> FindMetricsAsync(string runId, CancellationToken cancellationToken) =>
        await DownloadAsync(runId, BaselineMetricsArtifact.Path, cancellationToken) is { } json ? BaselineMetricsArtifact.Parse(json) : null;

    /// <summary>Uploads <paramref name="distribution"/> (when given), then <paramref name="metrics"/>; throws <see cref="TrackingException"/> when the run does not exist.</summary>
    public async Task RecordAsync(string runId, BaselineMetrics metrics, ClassDistribution? distribution, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(metrics);
        var run = await tracking.GetRunAsync(runId, cancellationToken)
            ?? throw new TrackingException("RESOURCE_DOES_NOT_EXIST", $"run {runId} does not exist, so no baseline can be stored on it");
        if (distribution is not null) await UploadAsync(run, BaselineArtifact.Path, BaselineArtifact.Serialize(distribution), cancellationToken);
        await UploadAsync(run, BaselineMetricsArtifact.Path, BaselineMetricsArtifact.Serialize(metrics), cancellationToken);
    }

    private async Task UploadAsync(TrackedRun run, string path, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(json, writable: false);
        await tracking.UploadArtifactAsync(run, path, content, cancellationToken);
    }

    /// <summary>The run's reference sample; null when the run or its artifact does not exist (input drift is then unavailable).</summary>
    public async Task<ReferenceFeatures?> FindReferenceAsync(string runId, CancellationToken cancellationToken) =>
        await DownloadAsync(runId, DriftReferenceArtifact.FeaturesPath(await VersionAsync(runId, cancellationToken)), cancellationToken) is { } json
            ? ReferenceFeaturesArtifact.Parse(json) : null;

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
