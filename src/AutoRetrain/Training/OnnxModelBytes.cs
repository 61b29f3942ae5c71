using System.Text;
using Google.Protobuf;

namespace Sentinel.AutoRetrain.Training;

/// <summary>
/// Reads and amends a serialized ONNX <c>ModelProto</c> at the protobuf wire level (Google.Protobuf's coded streams), for
/// the few fields the trainer needs:
/// the operator-set imports (field 8), the domains of the main graph's nodes (7 → 1 → 7) and <c>metadata_props</c> (14).
/// </summary>
/// <remarks>
/// Protobuf merges concatenated messages and appends repeated fields, so adding an opset import is appending one
/// field to the bytes: everything the exporter wrote stays as it was.
/// </remarks>
internal static class OnnxModelBytes
{
    /// <summary>The opset version of ONNX Runtime's contrib operators (<c>com.microsoft</c>, e.g. <c>Tokenizer</c>), and of any domain that has only one.</summary>
    public const long FirstOpsetVersion = 1;

    private const int ModelGraph = 7, ModelOpsetImport = 8, ModelMetadataProps = 14;
    private const int GraphNode = 1, NodeDomain = 7, OpsetDomain = 1, OpsetVersion = 2, EntryKey = 1, EntryValue = 2;

    /// <summary>
    /// <paramref name="model"/> with an opset import (<see cref="FirstOpsetVersion"/>) for each operator domain a node of
    /// its graph uses that it does not import, or <paramref name="model"/> itself when none is missing. ML.NET's ONNX
    /// export uses <c>com.microsoft.Tokenizer</c> without importing <c>com.microsoft</c>: ONNX Runtime runs it anyway, but
    /// <c>onnx.checker</c> (and so <c>mlflow.onnx.load_model</c>) refuses it.
    /// </summary>
    public static byte[] ImportNodeDomains(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var imported = OpsetImports(model).Keys.ToHashSet(StringComparer.Ordinal);
        var missing = NodeDomains(model).Where(d => !imported.Contains(d)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return model;
        using var output = new MemoryStream(model.Length + (missing.Count * 32));
        output.Write(model);
        using (var coded = new CodedOutputStream(output, leaveOpen: true))
        {
            foreach (var domain in missing)
            {
                using var opset = new MemoryStream();
                using (var fields = new CodedOutputStream(opset, leaveOpen: true))
                {
                    fields.WriteTag(OpsetDomain, WireFormat.WireType.LengthDelimited);
                    fields.WriteString(domain);
                    fields.WriteTag(OpsetVersion, WireFormat.WireType.Varint);
                    fields.WriteInt64(FirstOpsetVersion);
                }
                coded.WriteTag(ModelOpsetImport, WireFormat.WireType.LengthDelimited);
                coded.WriteBytes(ByteString.CopyFrom(opset.ToArray()));
            }
        }
        return output.ToArray();
    }

    /// <summary>The imported operator sets, domain → version (the default domain is <c>""</c>).</summary>
    public static IReadOnlyDictionary<string, long> OpsetImports(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var imports = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var opset in Fields(model, ModelOpsetImport))
        {
            var domain = "";
            long version = 0;
            foreach (var field in AllFields(opset))
            {
                if (field.Number == OpsetDomain) domain = Canonical(Encoding.UTF8.GetString(field.Bytes.Span));
                else if (field.Number == OpsetVersion) version = (long)field.Value;
            }
            imports[domain] = version;
        }
        return imports;
    }

    /// <summary>The operator domains the nodes of the main graph use (the default domain is <c>""</c>).</summary>
    public static IReadOnlySet<string> NodeDomains(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var domains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var graph in Fields(model, ModelGraph))
            foreach (var node in Fields(graph, GraphNode))
                domains.Add(Canonical(Fields(node, NodeDomain).Select(d => Encoding.UTF8.GetString(d.Span)).LastOrDefault() ?? ""));
        return domains;
    }

    /// <summary>The value of <paramref name="key"/> in the model's <c>metadata_props</c>, or null.</summary>
    public static string? Metadata(byte[] model, string key)
    {
        ArgumentNullException.ThrowIfNull(model);
        string? found = null;
        foreach (var entry in Fields(model, ModelMetadataProps))
        {
            var fields = AllFields(entry);
            var k = fields.Where(f => f.Number == EntryKey).Select(f => Encoding.UTF8.GetString(f.Bytes.Span)).LastOrDefault();
            if (k == key) found = fields.Where(f => f.Number == EntryValue).Select(f => Encoding.UTF8.GetString(f.Bytes.Span)).LastOrDefault() ?? "";
        }
        return found;
    }

    // "ai.onnx" and "" both name ONNX's default operator set.
    private static string Canonical(string domain) => domain == "ai.onnx" ? "" : domain;

    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number) =>
        AllFields(message).Where(f => f.Number == number && f.LengthDelimited).Select(f => f.Bytes);

    /// <summary>The varint and length-delimited fields of one message, in order (fixed-size fields are skipped).</summary>
    private static List<Field> AllFields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        try
        {
            var input = new CodedInputStream(message.ToArray());
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var number = WireFormat.GetTagFieldNumber(tag);
                switch (WireFormat.GetTagWireType(tag))
                {
                    case WireFormat.WireType.Varint:
                        fields.Add(new(number, false, input.ReadUInt64(), ReadOnlyMemory<byte>.Empty));
                        break;
                    case WireFormat.WireType.LengthDelimited:
                        fields.Add(new(number, true, 0, input.ReadBytes().Memory));
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Malformed(e.Message);
        }
        return fields;
    }

    private readonly record struct Field(int Number, bool LengthDelimited, ulong Value, ReadOnlyMemory<byte> Bytes);

    private static InvalidDataException Malformed(string what) => new($"the ONNX model is not a valid protobuf message: {what}; re-export the model");
}
