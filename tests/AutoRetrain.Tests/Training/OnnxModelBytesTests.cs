using Microsoft.ML.OnnxRuntime;
using Sentinel.AutoRetrain.Training;

namespace Sentinel.AutoRetrain.Tests.Training;

public sealed class OnnxModelBytesTests
{
    [Fact]
    public async Task TrainAsync_ExportedModel_ImportsEveryOperatorDomainItsNodesUse()
    {
        var trained = await TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, SyntheticRows.Create(20), TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        var imports = OnnxModelBytes.OpsetImports(trained.OnnxModel);
        var domains = OnnxModelBytes.NodeDomains(trained.OnnxModel);
        Assert.Contains("com.microsoft", domains); // the word tokenizer
        Assert.All(domains, d => Assert.True(imports.ContainsKey(d), $"domain '{d}' is used but not imported"));
        Assert.Equal(OnnxModelBytes.FirstOpsetVersion, imports["com.microsoft"]);
        Assert.Equal(12, imports[""]);
        using var session = new InferenceSession(trained.OnnxModel); // ONNX Runtime still loads it
        Assert.Equal(["text"], session.InputMetadata.Keys);
    }

    [Fact]
    public void ImportNodeDomains_MissingImport_AppendsItAndKeepsTheRest()
    {
        var model = Model(opsets: [("", 12)], nodeDomains: ["", "com.microsoft", "ai.onnx"]);

        var amended = OnnxModelBytes.ImportNodeDomains(model);

        Assert.Equal(model, amended[..model.Length]);
        Assert.Equal(new Dictionary<string, long> { [""] = 12, ["com.microsoft"] = 1 }, OnnxModelBytes.OpsetImports(amended));
    }

    [Fact]
    public void ImportNodeDomains_AllImported_ReturnsTheSameBytes()
    {
        var model = Model(opsets: [("", 12), ("com.microsoft", 1)], nodeDomains: ["com.microsoft", ""]);

        Assert.Same(model, OnnxModelBytes.ImportNodeDomains(model));
    }

    [Fact]
    public void Metadata_KeyPresent_IsItsValue_AndAbsentKeyIsNull()
    {
        var model = Model(opsets: [("", 12)], nodeDomains: [], metadata: [("producer_note", "x"), ("onnx_version", "1.9.0")]);

        Assert.Equal("1.9.0", OnnxModelBytes.Metadata(model, "onnx_version"));
        Assert.Null(OnnxModelBytes.Metadata(model, "other"));
    }

    [Fact]
    public void OpsetImports_TruncatedBytes_ThrowsInvalidData()
    {
        var model = Model(opsets: [("", 12)], nodeDomains: ["com.microsoft"]);

        Assert.Throws<InvalidDataException>(() => OnnxModelBytes.OpsetImports(model[..^3]));
    }

    /// <summary>A ModelProto with the given opset imports, one node per domain, and metadata_props, in wire format.</summary>
    private static byte[] Model((string Domain, long Version)[] opsets, string[] nodeDomains, (string Key, string Value)[]? metadata = null)
    {
        var model = new List<byte>();
        model.AddRange(Varint(1 << 3)); // ir_version = 6
        model.AddRange(Varint(6));
        var graph = new List<byte>();
        foreach (var domain in nodeDomains) graph.AddRange(Field(1, [.. Field(4, "Op"u8.ToArray()), .. Field(7, System.Text.Encoding.UTF8.GetBytes(domain))]));
        model.AddRange(Field(7, [.. graph]));
        foreach (var (domain, version) in opsets) model.AddRange(Field(8, [.. Field(1, System.Text.Encoding.UTF8.GetBytes(domain)), .. Varint(2 << 3), .. Varint((ulong)version)]));
        foreach (var (key, value) in metadata ?? [])
            model.AddRange(Field(14, [.. Field(1, System.Text.Encoding.UTF8.GetBytes(key)), .. Field(2, System.Text.Encoding.UTF8.GetBytes(value))]));
        return [.. model];
    }

    private static byte[] Field(int number, byte[] content) => [.. Varint(((ulong)number << 3) | 2), .. Varint((ulong)content.Length), .. content];

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7) bytes.Add((byte)(value | 0x80));
        bytes.Add((byte)value);
        return [.. bytes];
    }
}
