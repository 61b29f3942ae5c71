using System.Text;
using Sentinel.Adapters.Inference;
using Sentinel.Core.Tracking;

namespace Sentinel.ModelServer.Models;

/// <summary>
/// The registry's champion (or challenger): the version of <c>registeredModel</c> carrying <c>alias</c>, whose files are read from its
/// run's artifacts under the version's source path (e.g. <c>&lt;artifact_uri&gt;/model</c> → <c>model/model.onnx</c>).
/// Downloads are hash-checked against <c>model.onnx.sha256</c> when the run has one, and cached on disk.
/// </summary>
internal sealed class TrackingModelSource(ITrackingStore store, ModelCache cache, string registeredModel, string alias, bool requireChecksum) : IModelSource
{
    /// <summary>The artifact directory used when a version's source does not lie under its run's artifact root.</summary>
    public const string DefaultArtifactPath = "model";

    public string Description => $"registry model '{registeredModel}' alias '{alias}'";

    public async Task<ModelCandidate?> FindAsync(CancellationToken cancellationToken)
    {
        var version = await store.GetModelVersionByAliasAsync(registeredModel, alias, cancellationToken);
        return version is null
            ? null
            : new ModelCandidate(version.Name, $"{version.Name}@{version.Version}", $"'{version.Name}' version {version.Version}", version.Version, version.RunId, version.Source)
            {
                Tags = version.Tags,
            };
    }

    public async Task<ModelPackage> FetchAsync(ModelCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var version = candidate.Version ?? throw new ModelRejectedException($"{candidate.Description} has no version number");
        if (cache.TryRead(candidate, version, out _) is { } cached) return cached;

        if (string.IsNullOrWhiteSpace(candidate.RunId))
            throw new ModelRejectedException($"{candidate.Description} has no run; register the version from a run that holds model.onnx and {LabelMap.FileName}");
        var run = await store.GetRunAsync(candidate.RunId, cancellationToken)
            ?? throw new ModelRejectedException($"{candidate.Description}: its run {candidate.RunId} does not exist");
        var directory = ArtifactDirectory(run.ArtifactUri, candidate.Source);

        var model = await DownloadAsync(run, $"{directory}/{ModelArtifacts.ModelFileName}", cancellationToken)
            ?? throw new ModelRejectedException($"{candidate.Description}: run {run.RunId} has no artifact {directory}/{ModelArtifacts.ModelFileName}");
        var labels = await DownloadAsync(run, $"{directory}/{LabelMap.FileName}", cancellationToken)
            ?? throw new ModelRejectedException($"{candidate.Description}: run {run.RunId} has no artifact {directory}/{LabelMap.FileName}");
        var checksumFile = await DownloadAsync(run, $"{directory}/{ModelArtifacts.ChecksumFileName}", cancellationToken);

        var sha = ModelArtifacts.Sha256(model);
        if (checksumFile is not null)
        {
            var expected = ModelArtifacts.ParseChecksum(Encoding.UTF8.GetString(checksumFile))
                ?? throw new ModelRejectedException($"{candidate.Description}: {ModelArtifacts.ChecksumFileName} holds no SHA-256; write it as '<64 hex digits>  model.onnx'");
            if (expected != sha)
                throw new ModelRejectedException($"{candidate.Description}: model.onnx has SHA-256 {sha} but {ModelArtifacts.ChecksumFileName} says {expected}; the download is damaged or the files do not belong together");
        }
        else if (requireChecksum)
        {
            throw new ModelRejectedException($"{candidate.Description}: run {run.RunId} has no {directory}/{ModelArtifacts.ChecksumFileName} and Sentinel:ModelServer:RequireChecksum is on");
        }

        var labelMap = ModelArtifacts.ParseLabelMap(Encoding.UTF8.GetString(labels), $"{candidate.Description} {LabelMap.FileName}");
        var package = new ModelPackage(new ModelIdentity(candidate.Name, version, sha, "registry", run.RunId), model, labelMap);
        cache.Write(package);
        return package;
    }

    /// <summary>The version's source relative to its run's artifact root (<c>model</c> for <c>&lt;root&gt;/model</c>).</summary>
    internal static string ArtifactDirectory(string runArtifactUri, string? source)
    {
        var root = runArtifactUri.TrimEnd('/') + "/";
        if (source is not null && source.StartsWith(root, StringComparison.Ordinal) && source.Length > root.Length)
            return source[root.Length..].Trim('/');
        return DefaultArtifactPath;
    }

    private async Task<byte[]?> DownloadAsync(TrackedRun run, string path, CancellationToken cancellationToken)
    {
        await using var stream = await store.DownloadArtifactAsync(run, path, cancellationToken);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
