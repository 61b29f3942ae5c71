using System.Text.Json.Nodes;

namespace Sentinel.AutoRetrain.Tests.Datasets;

/// <summary>LLM replies holding distinct, separable samples of the sentiment labels, as a model answers the prompt.</summary>
internal static class LlmReplies
{
    /// <summary>A <c>{"samples": [...]}</c> reply of <paramref name="perLabel"/> samples per label, unique to <paramref name="call"/>.</summary>
    public static string Samples(int call, int perLabel = 5)
    {
        var samples = new JsonArray();
        foreach (var label in Specialists.Labels)
        {
            for (var i = 0; i < perLabel; i++)
                samples.Add(new JsonObject { ["text"] = $"{label}{i} {label}word call{call} item{i} {label}ish", ["label"] = label });
        }
        return new JsonObject { ["samples"] = samples }.ToJsonString();
    }
}
