using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sentinel.Adapters.Mlflow.Models;

/// <summary>A tensor of an MLflow model signature: its name, numpy dtype (<c>str</c>, <c>float32</c>, …) and shape (-1 for any size).</summary>
public sealed record MlflowTensorSpec(string Name, string Dtype, IReadOnlyList<long> Shape);

/// <summary>
/// The <c>MLmodel</c> file of an ONNX model stored as an MLflow model directory, as <c>mlflow.onnx.save_model</c> writes
/// it: the <c>onnx</c> flavor (<c>mlflow.onnx.load_model</c> reads it), a tensor signature and free-form metadata.
/// </summary>
/// <remarks>
/// No <c>python_function</c> flavor: MLflow's ONNX pyfunc loader needs <c>onnxruntime</c> and the environment files
/// (<c>conda.yaml</c>, <c>python_env.yaml</c>, <c>requirements.txt</c>) that a pyfunc model carries, and Sentinel writes
/// neither. Keys are written sorted and strings quoted, so no value reads back as another type (a timestamp, a number).
/// </remarks>
public sealed record OnnxMlmodel
{
    public const string FileName = "MLmodel";

    /// <summary>The MLflow release Sentinel writes for and tests against (the tracking server of <c>shared/tools/mlflow</c> is 2.12.2.dev0).</summary>
    public const string MlflowVersion = "2.12.2";

    public const string CpuExecutionProvider = "CPUExecutionProvider";

    /// <summary>The model directory under the run's artifact root (<c>model</c>).</summary>
    public required string ArtifactPath { get; init; }
    public required string RunId { get; init; }
    /// <summary>32 lower-case hex digits, as MLflow's <c>uuid4().hex</c>.</summary>
    public required string ModelUuid { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The ONNX release the model was written for (MLflow records the <c>onnx</c> package that saved it).</summary>
    public required string OnnxVersion { get; init; }
    /// <summary>The model file, relative to the model directory.</summary>
    public string Data { get; init; } = "model.onnx";
    public required IReadOnlyList<MlflowTensorSpec> Inputs { get; init; }
    public required IReadOnlyList<MlflowTensorSpec> Outputs { get; init; }
    /// <summary>The <c>metadata</c> section: each value a string or a list of strings.</summary>
    public IReadOnlyDictionary<string, object> Metadata { get; init; } = new Dictionary<string, object>();

    public string ToYaml()
    {
        var onnx = Mapping(
            ("code", Null()),
            ("data", Text(Data)),
            ("onnx_session_options", Null()),
            ("onnx_version", Text(OnnxVersion)),
            ("providers", new YamlSequenceNode(Text(CpuExecutionProvider))));
        var root = Mapping(
            ("artifact_path", Text(ArtifactPath)),
            ("flavors", Mapping(("onnx", onnx))),
            ("metadata", Mapping([.. Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (m.Key, MetadataValue(m.Key, m.Value)))])),
            ("mlflow_version", Text(MlflowVersion)),
            ("model_uuid", Text(ModelUuid)),
            ("run_id", Text(RunId)),
            ("signature", Mapping(("inputs", Text(SchemaJson(Inputs))), ("outputs", Text(SchemaJson(Outputs))), ("params", Null()))),
            // str(datetime.utcnow()), as MLflow writes it.
            ("utc_time_created", Text(CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture))));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>A signature schema as MLflow embeds it: a JSON list of <c>{"name", "type": "tensor", "tensor-spec": {"dtype", "shape"}}</c>.</summary>
    internal static string SchemaJson(IReadOnlyList<MlflowTensorSpec> tensors) =>
        new JsonArray([.. tensors.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["type"] = "tensor",
            ["tensor-spec"] = new JsonObject { ["dtype"] = t.Dtype, ["shape"] = new JsonArray([.. t.Shape.Select(d => (JsonNode)d)]) },
        })]).ToJsonString();

    private static YamlNode MetadataValue(string key, object value) => value switch
    {
        string text => Text(text),
        IEnumerable<string> list => new YamlSequenceNode(list.Select(Text)),
        _ => throw new ArgumentException($"metadata '{key}' must be a string or a list of strings; it is {value.GetType().Name}", nameof(value)),
    };

    private static YamlMappingNode Mapping(params (string Key, YamlNode Value)[] entries)
    {
        var mapping = new YamlMappingNode();
        foreach (var (key, value) in entries) mapping.Add(new YamlScalarNode(key) { Style = ScalarStyle.Plain }, value);
        return mapping;
    }

    private static YamlScalarNode Text(string value) => new(value) { Style = ScalarStyle.SingleQuoted };

    private static YamlScalarNode Null() => new("null") { Style = ScalarStyle.Plain };
}
