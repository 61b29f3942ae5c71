using System.Text.Json;
using System.Text.Json.Serialization;
using Sentinel.Core.Specs;
using YamlDotNet.Core;

namespace Sentinel.Adapters.Hosting.Specs;

/// <summary>A specialist manifest and where it came from (a file path, or <c>embedded:name.yaml</c>).</summary>
public sealed record LoadedSpecialist(string Source, SpecialistModelDocument Document);

/// <summary>
/// Reads <c>SpecialistModel</c> manifests from YAML (or JSON) files in the custom resource's format:
/// a file may hold several documents separated by <c>---</c>; a directory contributes its <c>*.yaml</c>,
/// <c>*.yml</c> and <c>*.json</c> files; documents of other kinds (a RetrainRun sample) are skipped.
/// Unknown fields, wrong types and malformed YAML are errors that name the file, the line and the field.
/// </summary>
public static class SpecialistSpecLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static IReadOnlyList<LoadedSpecialist> LoadPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<LoadedSpecialist>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files) result.AddRange(LoadFile(file));
            }
            else if (File.Exists(path))
            {
                result.AddRange(LoadFile(path));
            }
            else
            {
                throw new SpecValidationException(path, [new SpecError("--spec", $"'{path}' does not exist; give a YAML file or a directory of them")]);
            }
        }
        return result;
    }

    public static IReadOnlyList<LoadedSpecialist> LoadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Load(reader, path);
    }

    /// <summary>The environment variable through which the operator hands a job its specialist's manifest (JSON).</summary>
    public const string SpecVariable = "SENTINEL_SPECIALIST_SPEC";

    /// <summary>
    /// What a CLI run evaluates: the given paths; else the manifest the operator put in <see cref="SpecVariable"/>;
    /// else <c>SENTINEL_SPECS</c> (paths separated by the platform's path separator); else the embedded defaults.
    /// </summary>
    public static IReadOnlyList<LoadedSpecialist> LoadForRun(IReadOnlyList<string> paths, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(environment);
        if (paths.Count > 0) return LoadPaths(paths);
        if (environment(SpecVariable) is { Length: > 0 } manifest) return Load(new StringReader(manifest), SpecVariable);
        if (environment("SENTINEL_SPECS") is { Length: > 0 } specs)
            return LoadPaths(specs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return LoadEmbeddedDefaults();
    }

    /// <summary>The specialists Sentinel knows without any spec file: the YAML files embedded in this assembly.</summary>
    public static IReadOnlyList<LoadedSpecialist> LoadEmbeddedDefaults()
    {
        var assembly = typeof(SpecialistSpecLoader).Assembly;
        var result = new List<LoadedSpecialist>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Specs.Defaults.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            result.AddRange(Load(reader, "embedded:" + name[(name.IndexOf(".Specs.Defaults.", StringComparison.Ordinal) + 16)..]));
        }
        return result;
    }

    public static IReadOnlyList<LoadedSpecialist> Load(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        IReadOnlyList<(System.Text.Json.Nodes.JsonNode? Node, int Line)> documents;
        try
        {
            documents = YamlToJson.ReadDocuments(reader);
        }
        catch (YamlException e)
        {
            throw new SpecValidationException(source, [new SpecError($"line {e.Start.Line}, column {e.Start.Column}", $"malformed YAML: {Inner(e).Message}")]);
        }

        var result = new List<LoadedSpecialist>();
        foreach (var (node, line) in documents)
        {
            if (node is null) continue;
            var kind = node["kind"]?.GetValueKind() == JsonValueKind.String ? node["kind"]!.GetValue<string>() : null;
            if (kind is not null && kind != SpecialistModelDocument.KindValue) continue;
            try
            {
                var doc = node.Deserialize<SpecialistModelDocument>(Json)
                    ?? throw new SpecValidationException(source, [new SpecError($"line {line}", "the document is empty")]);
                result.Add(new LoadedSpecialist(source, doc));
            }
            catch (JsonException e)
            {
                var field = string.IsNullOrEmpty(e.Path) ? $"document at line {line}" : e.Path.TrimStart('$', '.');
                throw new SpecValidationException(source, [new SpecError(field, Describe(e))]);
            }
        }
        return result;
    }

    private static Exception Inner(Exception e) => e.InnerException is YamlException inner ? Inner(inner) : e;

    private static string Describe(JsonException e) =>
        e.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "unknown field; check its spelling against k8s/crds (fields are camelCase, e.g. feedbackAverage)"
            : "wrong type; " + e.Message.Split(" Path:", 2)[0];
}
