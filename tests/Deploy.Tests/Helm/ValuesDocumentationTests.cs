using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Helm;

/// <summary>values.yaml documents every value in prose with an example, and values.schema.json knows every value.</summary>
public sealed partial class ValuesDocumentationTests
{
    private sealed record Key(string Path, int Indent, List<string> Comment);

    [Fact]
    public void ValuesYaml_EveryKey_IsDescribed_AndEveryValueHasAnExample()
    {
        var schema = JsonNode.Parse(Repo.Read("helm", "sentinel", "values.schema.json"))!.AsObject();
        var keys = Keys(Repo.Read("helm", "sentinel", "values.yaml"));
        Assert.NotEmpty(keys);

        var undocumented = new List<string>();
        foreach (var key in keys)
        {
            var parent = keys.LastOrDefault(k => key.Path.StartsWith(k.Path + ".", StringComparison.Ordinal) && k.Path.Count(c => c == '.') == key.Path.Count(c => c == '.') - 1);
            var isSection = keys.Any(k => k.Path.StartsWith(key.Path + ".", StringComparison.Ordinal));
            var documented = isSection && key.Comment.Count > 0
                || Documents(key.Comment) || (parent is not null && Documents(parent.Comment)) || UnderFreeFormObject(schema, key.Path);
            if (!documented) undocumented.Add(key.Path);
        }
        Assert.True(undocumented.Count == 0, "values without a comment (sections) or an 'Example:' line on themselves or their parent (values): " + string.Join(", ", undocumented));
    }

    [Fact]
    public void ValuesSchema_DescribesEveryTopLevelValue_AndRejectsOthers()
    {
        var schema = JsonNode.Parse(Repo.Read("helm", "sentinel", "values.schema.json"))!.AsObject();
        var topLevel = Keys(Repo.Read("helm", "sentinel", "values.yaml")).Where(k => k.Indent == 0).Select(k => k.Path).ToHashSet(StringComparer.Ordinal);

        Assert.False((bool)schema["additionalProperties"]!);
        Assert.Equal(topLevel.Order(StringComparer.Ordinal), schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static bool Documents(List<string> comment) => comment.Count > 0 && comment.Any(l => l.Contains("Example:", StringComparison.Ordinal));

    /// <summary>Keys below a value the schema declares as a free-form object (a securityContext, resources…) are Kubernetes' own.</summary>
    private static bool UnderFreeFormObject(JsonObject schema, string path)
    {
        JsonNode? node = schema;
        foreach (var part in path.Split('.')[..^1])
        {
            node = node?["properties"]?[part];
            if (node is JsonObject o && (string?)o["type"] == "object" && o["properties"] is null) return true;
        }
        return false;
    }

    /// <summary>Every mapping key of values.yaml with its dotted path and the comment lines right above it.</summary>
    private static List<Key> Keys(string yaml)
    {
        var keys = new List<Key>();
        var stack = new List<(int Indent, string Name)>();
        var comment = new List<string>();
        foreach (var line in yaml.Split('\n'))
        {
            var trimmed = line.TrimStart();
            var indent = line.Length - trimmed.Length;
            if (trimmed.StartsWith('#')) { comment.Add(trimmed); continue; }
            if (trimmed.Length == 0) { comment.Clear(); continue; }
            var match = KeyLine().Match(line);
            if (!match.Success) { comment.Clear(); continue; }
            stack.RemoveAll(s => s.Indent >= indent);
            stack.Add((indent, match.Groups["key"].Value));
            keys.Add(new Key(string.Join('.', stack.Select(s => s.Name)), indent, [.. comment]));
            comment.Clear();
        }
        return keys;
    }

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z][A-Za-z0-9_]*):(\s|$)")]
    private static partial Regex KeyLine();
}
