using System.Security.Cryptography;
using System.Text;
using Sentinel.Adapters.Inference;
using Sentinel.Adapters.Mlflow.Models;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// The files of a trained classifier in its run's model directory, which together are an MLflow model that
/// <c>mlflow.onnx.load_model</c> loads and the model server serves: <c>model.onnx</c>, <c>model.onnx.sha256</c>
/// (<c>sha256sum</c> format, of the bytes uploaded), <c>labels.json</c> and <c>MLmodel</c> (onnx flavor, signature, labels).
/// </summary>
internal static class ModelDirectoryFiles
{
    public const string ModelFileName = "model.onnx";
    public const string ChecksumFileName = "model.onnx.sha256";
    /// <summary><c>metadata</c> keys of <c>MLmodel</c>: the labels in score order, and how texts are prepared (as in <c>labels.json</c>).</summary>
    public const string LabelsMetadataKey = "sentinel_labels", PreprocessingMetadataKey = "sentinel_preprocessing";

    /// <summary>The files, path relative to the run's artifact root → content, in upload order (<c>MLmodel</c> last).</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> For(TrainedClassifier trained, string runId, string directory, DateTimeOffset now, Guid modelUuid)
    {
        ArgumentNullException.ThrowIfNull(trained);
        var model = trained.OnnxModel;
        return
        [
            new($"{directory}/{ModelFileName}", model),
            new($"{directory}/{ChecksumFileName}", Encoding.ASCII.GetBytes(ChecksumLine(model))),
            new($"{directory}/{LabelMap.FileName}", Encoding.UTF8.GetBytes(trained.LabelMap.ToJson())),
            new($"{directory}/{OnnxMlmodel.FileName}", Encoding.UTF8.GetBytes(Mlmodel(model, trained.LabelMap, runId, directory, now, modelUuid).ToYaml())),
        ];
    }

    /// <summary><c>&lt;64 hex digits&gt;  model.onnx</c>, as <c>sha256sum model.onnx</c> prints it.</summary>
    public static string ChecksumLine(byte[] model) => $"{Convert.ToHexStringLower(SHA256.HashData(model))}  {ModelFileName}\n";

    /// <summary>
    /// The MLmodel of a Sentinel text classifier: one string input [N, 1] of normalised texts and a float32 score output
    /// [N, labels], one probability per label in <see cref="LabelMap.Labels"/> order (the graph's other output,
    /// <c>mlnet.Score.unusedOutput</c>, is a constant left by ML.NET's export and not part of the signature).
    /// </summary>
    public static OnnxMlmodel Mlmodel(byte[] model, LabelMap labels, string runId, string directory, DateTimeOffset now, Guid modelUuid)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new OnnxMlmodel
        {
            ArtifactPath = directory,
            RunId = runId,
            ModelUuid = modelUuid.ToString("N"),
            CreatedAt = now,
            OnnxVersion = OnnxModelBytes.Metadata(model, "onnx_version") ?? TextClassifierPipeline.ExporterOnnxVersion,
            Data = ModelFileName,
            Inputs = [new MlflowTensorSpec(labels.Input, "str", [-1, 1])],
            Outputs = [new MlflowTensorSpec(labels.ScoreOutput, "float32", [-1, labels.Labels.Count])],
            Metadata = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [LabelsMetadataKey] = labels.Labels,
                [PreprocessingMetadataKey] = labels.Preprocessing,
            },
        };
    }

    public static async Task UploadAsync(ITrackingStore store, TrackedRun run, string directory, TrainedClassifier trained, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        foreach (var (path, content) in For(trained, run.RunId, directory, now, Guid.NewGuid()))
        {
            using var stream = new MemoryStream(content, writable: false);
            await store.UploadArtifactAsync(run, path, stream, cancellationToken);
        }
    }
}
