using System.Text.Json;
using Sentinel.Adapters.Mlflow.Models;
using YamlDotNet.RepresentationModel;

namespace Sentinel.Adapters.Mlflow.Tests.Models;

public sealed class OnnxMlmodelTests
{
    private static readonly OnnxMlmodel Model = new()
    {
        ArtifactPath = "model",
        RunId = "0123456789abcdef0123456789abcdef",
        ModelUuid = "fedcba9876543210fedcba9876543210",
        CreatedAt = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)).AddTicks(1234560),
        OnnxVersion = "1.7.0",
        Inputs = [new MlflowTensorSpec("text", "str", [-1, 1])],
        Outputs = [new MlflowTensorSpec("Score.output", "float32", [-1, 3])],
        Metadata = new Dictionary<string, object> { ["sentinel_labels"] = new[] { "billing", "outage", "true" }, ["sentinel_preprocessing"] = "normalized" },
    };

    [Fact]
    public void ToYaml_ParsedBack_HasTheOnnxFlavorAndTheRunsFields()
    {
        var root = Parse(Model.ToYaml());

        Assert.Equal(["artifact_path", "flavors", "metadata", "mlflow_version", "model_uuid", "run_id", "signature", "utc_time_created"], root.Children.Keys.Select(Scalar));
        Assert.Equal("model", Scalar(root["artifact_path"]));
        Assert.Equal("0123456789abcdef0123456789abcdef", Scalar(root["run_id"]));
        Assert.Equal("fedcba9876543210fedcba9876543210", Scalar(root["model_uuid"]));
        Assert.Equal("2.12.2", Scalar(root["mlflow_version"]));
        Assert.Equal("2024-05-06 05:08:09.123456", Scalar(root["utc_time_created"])); // UTC, as str(datetime.utcnow())
        var flavors = (YamlMappingNode)root["flavors"];
        Assert.Equal(["onnx"], flavors.Children.Keys.Select(Scalar)); // no python_function: nothing here could load it
        var onnx = (YamlMappingNode)flavors["onnx"];
        Assert.Equal("1.7.0", Scalar(onnx["onnx_version"]));
        Assert.Equal("model.onnx", Scalar(onnx["data"]));
        Assert.Equal(["CPUExecutionProvider"], ((YamlSequenceNode)onnx["providers"]).Children.Select(Scalar));
        Assert.True(IsNull(onnx["code"]));
        Assert.True(IsNull(onnx["onnx_session_options"]));
        var metadata = (YamlMappingNode)root["metadata"];
        Assert.Equal(["billing", "outage", "true"], ((YamlSequenceNode)metadata["sentinel_labels"]).Children.Select(Scalar));
        Assert.Equal("normalized", Scalar(metadata["sentinel_preprocessing"]));
    }

    [Fact]
    public void ToYaml_Strings_AreQuotedSoNoneReadsBackAsAnotherType()
    {
        var root = Parse(Model.ToYaml());

        // A plain 2024-05-06 05:08:09 is a timestamp and a plain true a boolean to PyYAML, which MLflow reads MLmodel with.
        Assert.Equal(YamlDotNet.Core.ScalarStyle.SingleQuoted, ((YamlScalarNode)root["utc_time_created"]).Style);
        Assert.Equal(YamlDotNet.Core.ScalarStyle.SingleQuoted, ((YamlScalarNode)((YamlSequenceNode)((YamlMappingNode)root["metadata"])["sentinel_labels"]).Children[2]).Style);
    }

    [Fact]
    public void ToYaml_Signature_IsMlflowsTensorSpecJson()
    {
        var signature = (YamlMappingNode)Parse(Model.ToYaml())["signature"];

        using var inputs = JsonDocument.Parse(Scalar(signature["inputs"]));
        using var outputs = JsonDocument.Parse(Scalar(signature["outputs"]));
        var input = Assert.Single(inputs.RootElement.EnumerateArray());
        Assert.Equal("text", input.GetProperty("name").GetString());
        Assert.Equal("tensor", input.GetProperty("type").GetString());
        Assert.Equal("str", input.GetProperty("tensor-spec").GetProperty("dtype").GetString());
        Assert.Equal([-1, 1], input.GetProperty("tensor-spec").GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        var output = Assert.Single(outputs.RootElement.EnumerateArray());
        Assert.Equal("Score.output", output.GetProperty("name").GetString());
        Assert.Equal("float32", output.GetProperty("tensor-spec").GetProperty("dtype").GetString());
        Assert.Equal([-1, 3], output.GetProperty("tensor-spec").GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.True(IsNull(signature["params"]));
    }

    [Fact]
    public void ToYaml_MetadataValueNeitherStringNorList_Throws()
    {
        var model = Model with { Metadata = new Dictionary<string, object> { ["count"] = 3 } };

        Assert.Throws<ArgumentException>(model.ToYaml);
    }

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: "null", Style: YamlDotNet.Core.ScalarStyle.Plain };
}
