using System.Security.Cryptography;
using System.Text;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Tracking;

namespace Sentinel.ModelServer.Tests.Hosting;

/// <summary>
/// Publishes models to the local tracking store in a server's data directory as the retrain job does: a run with
/// <c>model/model.onnx</c>, <c>model/labels.json</c> and <c>model/model.onnx.sha256</c>, registered as a version of
/// <c>support-specialist</c> from the run's <c>model</c> path, and the alias moved onto it.
/// </summary>
public sealed class RegistryPublisher(string dataDirectory)
{
    public const string RegisteredModel = "support-specialist";

    private readonly LocalTrackingStore _store = new(dataDirectory, TimeProvider.System);

    public ITrackingStore Store => _store;

    public async Task<ModelVersionInfo> PublishAsync(
        ModelFiles model, string alias = "champion", byte[]? onnxOverride = null, string? labelsOverride = null, string? checksumOverride = null, bool withChecksum = true)
    {
        var ct = TestContext.Current.CancellationToken;
        var experiment = await _store.GetOrCreateExperimentAsync(RegisteredModel, ct);
        var run = await _store.CreateRunAsync(experiment, "retrain", new Dictionary<string, string>(), DateTimeOffset.UtcNow, ct);
        var onnx = onnxOverride ?? model.Onnx;
        await _store.UploadArtifactAsync(run, "model/model.onnx", new MemoryStream(onnx), ct);
        await _store.UploadArtifactAsync(run, "model/labels.json", new MemoryStream(Encoding.UTF8.GetBytes(labelsOverride ?? model.LabelsJson)), ct);
        if (withChecksum)
        {
            var checksum = checksumOverride ?? Convert.ToHexStringLower(SHA256.HashData(onnx));
            await _store.UploadArtifactAsync(run, "model/model.onnx.sha256", new MemoryStream(Encoding.ASCII.GetBytes($"{checksum}  model.onnx\n")), ct);
        }
        await _store.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, DateTimeOffset.UtcNow, ct);
        var version = await _store.RegisterModelVersionAsync(RegisteredModel, run, "model", ct);
        await _store.SetAliasAsync(RegisteredModel, alias, version.Version, ct);
        return version;
    }
}
