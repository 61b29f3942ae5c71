using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Datasets;

/// <summary>A prompt ready to send, with its provenance.</summary>
/// <param name="Text">The rendered prompt.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of <paramref name="Text"/> (UTF-8): tracked as the dataset's prompt hash.</param>
/// <param name="Source">Where the template came from: a file path, or <c>embedded:default.md</c>.</param>
public sealed record RenderedPrompt(string Text, string Sha256, string Source);

/// <summary>
/// Prompt templates per specialist. <c>&lt;PromptsDirectory&gt;/&lt;specialistType&gt;.md</c> wins, then
/// <c>&lt;PromptsDirectory&gt;/default.md</c>, then the template embedded in Sentinel (<c>Prompts/default.md</c>).
/// </summary>
/// <remarks>
/// Placeholders: <c>{{specialistType}}</c>, <c>{{labels}}</c> (comma-separated), <c>{{examples}}</c> (one
/// <c>- [label] text</c> line per example) and <c>{{batchSize}}</c>. Any other <c>{{…}}</c> is an error, so a typo
/// in a template fails the run instead of reaching the LLM.
/// </remarks>
public sealed partial class PromptLibrary(IOptions<DatasetGenerationOptions> options)
{
    public const string EmbeddedName = "embedded:default.md";

    public RenderedPrompt Render(ResolvedSpecialist specialist, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var (template, source) = Load(specialist.SpecialistType);
        return Render(template, source, specialist, batchSize);
    }

    internal static RenderedPrompt Render(string template, string source, ResolvedSpecialist specialist, int batchSize)
    {
        var examples = specialist.Examples.Count == 0
            ? "- (no examples given; invent typical texts for each label)"
            : string.Join('\n', specialist.Examples.Select(e => $"- [{e.Label}] {e.Text.ReplaceLineEndings(" ")}"));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["specialistType"] = specialist.SpecialistType,
            ["labels"] = string.Join(", ", specialist.Labels),
            ["examples"] = examples,
            ["batchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
        };
        var text = Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException(
                $"prompt template {source} uses unknown placeholder {m.Value}; the known ones are {string.Join(", ", values.Keys.Select(k => "{{" + k + "}}"))}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new RenderedPrompt(text, hash, source);
    }

    private (string Template, string Source) Load(string specialistType)
    {
        if (options.Value.PromptsDirectory is { Length: > 0 } dir)
        {
            foreach (var name in new[] { $"{specialistType}.md", "default.md" })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path)) return (File.ReadAllText(path), path);
            }
        }
        using var stream = typeof(PromptLibrary).Assembly.GetManifestResourceStream("Sentinel.AutoRetrain.Prompts.default.md")
            ?? throw new InvalidOperationException("the embedded prompt Prompts/default.md is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return (reader.ReadToEnd(), EmbeddedName);
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
