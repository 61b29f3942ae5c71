using System.Net.Http.Headers;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow;

// Artifacts through the server's proxy: /api/2.0/mlflow-artifacts/artifacts/<root after mlflow-artifacts:/>/<path>.
public sealed partial class MlflowTrackingStore
{
    public async Task UploadArtifactAsync(TrackedRun run, string relativePath, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(content);
        var path = MlflowArtifactPaths.ProxyPath(run.ArtifactUri, relativePath, _client.Server);
        // A retry sends the body again, so it must be readable twice: copy streams that cannot seek.
        var body = content.CanSeek ? content : await BufferAsync(content, cancellationToken);
        var httpContent = new StreamContent(body);
        httpContent.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var reply = await _client.PutAsync(MlflowOperation.UploadArtifact, path, httpContent, cancellationToken);
        reply.GetOrThrow($"store artifact '{relativePath}' of run {run.RunId}");
    }

    /// <summary>The file, read whole into memory; null when MLflow says it does not exist (see <see cref="MlflowArtifactPaths.IsMissingArtifact"/>).</summary>
    public async Task<Stream?> DownloadArtifactAsync(TrackedRun run, string relativePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = MlflowArtifactPaths.ProxyPath(run.ArtifactUri, relativePath, _client.Server);
        var reply = await _client.GetBytesAsync(MlflowOperation.DownloadArtifact, path, cancellationToken);
        if (reply.Error is { } error && MlflowArtifactPaths.IsMissingArtifact(error)) return null;
        return reply.GetOrThrow($"read artifact '{relativePath}' of run {run.RunId}");
    }

    /// <summary>MLflow's artifact proxy deletes the directory and answers <c>{}</c>, also when nothing was there.</summary>
    public async Task DeleteArtifactsAsync(TrackedRun run, string relativeDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(relativeDirectory);
        var path = MlflowArtifactPaths.ProxyPath(run.ArtifactUri, relativeDirectory, _client.Server);
        var reply = await _client.DeleteAsync(MlflowOperation.DeleteArtifacts, path, cancellationToken);
        reply.GetOrThrow($"delete artifacts '{relativeDirectory}' of run {run.RunId}");
    }

    private static async Task<MemoryStream> BufferAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        return buffer;
    }
}
