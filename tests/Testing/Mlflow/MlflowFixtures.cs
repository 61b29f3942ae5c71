using System.Text.Json;

namespace Sentinel.Testing.Mlflow;

/// <summary>One recorded call to a real MLflow server (<c>shared/fixtures/mlflow/NN_name.json</c>).</summary>
public sealed record MlflowFixture(
    string File,
    string Method,
    string Path,
    string? RequestContentType,
    JsonElement? RequestBody,
    int Status,
    string? ResponseContentType,
    JsonElement? ResponseBody)
{
    /// <summary>The request body as sent: JSON bodies as JSON text, others as recorded.</summary>
    public string? RequestText => RequestBody is { ValueKind: JsonValueKind.String } s ? s.GetString() : RequestBody?.GetRawText();

    /// <summary>The recorded <c>error_code</c>, when the answer was an MLflow error.</summary>
    public string? ErrorCode => ResponseBody is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("error_code", out var code) ? code.GetString() : null;
}

/// <summary>
/// Finds and reads the recorded MLflow answers. The fixtures live in <c>shared/fixtures/mlflow</c>, where
/// <c>shared/</c> sits beside the repository (or inside an ancestor of the test binaries); <c>SENTINEL_SHARED_DIR</c>
/// names the <c>shared</c> directory explicitly.
/// </summary>
public static class MlflowFixtures
{
    public const string SharedDirVariable = Servers.RepositoryPaths.SharedDirVariable;
    private static readonly string Relative = Path.Combine("fixtures", "mlflow");

    public static string Directory { get; } = Locate();

    public static MlflowFixture Load(string file)
    {
        var path = System.IO.Path.Combine(Directory, file.EndsWith(".json", StringComparison.Ordinal) ? file : file + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        return new MlflowFixture(
            System.IO.Path.GetFileName(path),
            root.GetProperty("method").GetString()!,
            root.GetProperty("path").GetString()!,
            Text(root, "request_content_type"),
            Element(root, "request_body"),
            root.GetProperty("status").GetInt32(),
            Text(root, "response_content_type"),
            Element(root, "response_body"));
    }

    public static IEnumerable<string> Files() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal);

    private static string Locate() => Servers.RepositoryPaths.Shared(Relative);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? Element(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : null;
}
