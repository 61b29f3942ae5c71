using System.Security.Cryptography;
using Sentinel.Adapters.Inference;

namespace Sentinel.ModelServer.Models;

/// <summary>
/// The files of a served model, under the registered version's artifact path (e.g. <c>model/</c>): <c>model.onnx</c>,
/// <c>labels.json</c> (<see cref="LabelMap.FileName"/>) and optionally <c>model.onnx.sha256</c>, whose first
/// token is the model's SHA-256 in hex (the format of <c>sha256sum</c>).
/// </summary>
public static class ModelArtifacts
{
    public const string ModelFileName = "model.onnx";
    public const string ChecksumFileName = "model.onnx.sha256";

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The hash in a <c>sha256sum</c>-style file, or null when the file holds no 64-digit hex token first.</summary>
    public static string? ParseChecksum(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var token = content.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return token is { Length: 64 } && token.All(Uri.IsHexDigit) ? token.ToLowerInvariant() : null;
    }

    /// <summary>Parses a label map, refusing the model when it is unreadable.</summary>
    public static LabelMap ParseLabelMap(string json, string where)
    {
        try
        {
            return LabelMap.Parse(json);
        }
        catch (InvalidDataException e)
        {
            throw new ModelRejectedException($"{where}: {e.Message}", e);
        }
    }
}
