using System.Text.Json.Nodes;

namespace Sentinel.Testing.Kube;

/// <summary>Equality-based label selectors: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>, comma-separated (all must hold).</summary>
public sealed class LabelSelector
{
    private readonly List<Func<JsonObject?, bool>> _requirements = [];

    public LabelSelector(string? selector)
    {
        foreach (var raw in (selector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Split("!=") is [var k1, var v1]) _requirements.Add(l => Value(l, k1.Trim()) != v1.Trim());
            else if (raw.Split("==") is [var k2, var v2]) _requirements.Add(l => Value(l, k2.Trim()) == v2.Trim());
            else if (raw.Split('=') is [var k3, var v3]) _requirements.Add(l => Value(l, k3.Trim()) == v3.Trim());
            else if (raw.StartsWith('!')) _requirements.Add(l => Value(l, raw[1..]) is null);
            else _requirements.Add(l => Value(l, raw) is not null);
        }
    }

    public bool Matches(JsonObject obj) => _requirements.All(r => r(obj["metadata"]?["labels"] as JsonObject));

    private static string? Value(JsonObject? labels, string key) => labels?[key]?.GetValue<string>();
}
