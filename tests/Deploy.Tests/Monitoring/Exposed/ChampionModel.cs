using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Datasets;
using Sentinel.Core.Tracking;

namespace Sentinel.Deploy.Tests.Monitoring.Exposed;

/// <summary>Trains a small real ONNX model with Sentinel's trainer and publishes it as the champion of <c>support-specialist</c>, as a retrain does.</summary>
internal static class ChampionModel
{
    public const string Specialist = "support";
    public const string RegisteredModel = "support-specialist";
    public static readonly string[] Labels = ["billing", "outage"];

    public static async Task PublishAsync(ITrackingStore store, CancellationToken cancellationToken)
    {
        var rows = Enumerable.Range(0, 20).SelectMany(i => new[]
        {
            new DatasetRow($"my invoice was charged twice {i}", "billing", DatasetSource.Synthetic),
            new DatasetRow($"the service is down with an error {i}", "outage", DatasetSource.Synthetic),
        }).ToList();
        var trainer = new TextClassifierTrainer(Options.Create(new TrainingOptions { NgramLength = 1, MaximumIterations = 20 }), TimeProvider.System, NullLogger<TextClassifierTrainer>.Instance);
        var trained = await trainer.TrainAsync(Specialist, Labels, rows, TimeSpan.FromMinutes(2), cancellationToken);

        var experiment = await store.GetOrCreateExperimentAsync(RegisteredModel, cancellationToken);
        var run = await store.CreateRunAsync(experiment, "retrain", new Dictionary<string, string>(), DateTimeOffset.UtcNow, cancellationToken);
        await store.UploadArtifactAsync(run, "model/model.onnx", new MemoryStream(trained.OnnxModel), cancellationToken);
        await store.UploadArtifactAsync(run, "model/labels.json", new MemoryStream(Encoding.UTF8.GetBytes(trained.LabelMap.ToJson())), cancellationToken);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(trained.OnnxModel));
        await store.UploadArtifactAsync(run, "model/model.onnx.sha256", new MemoryStream(Encoding.ASCII.GetBytes($"{checksum}  model.onnx\n")), cancellationToken);
        await store.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, DateTimeOffset.UtcNow, cancellationToken);
        var version = await store.RegisterModelVersionAsync(RegisteredModel, run, "model", cancellationToken);
        await store.SetAliasAsync(RegisteredModel, "champion", version.Version, cancellationToken);
    }
}
