namespace Sentinel.Adapters.Llm;

/// <summary>
/// The words of a specialist's examples, per label: each label's example texts as word lists, and its cue words —
/// the words no other label's examples use (the ones that tell a label apart). Words are compared lower-case,
/// without punctuation.
/// </summary>
internal sealed class OfflineVocabulary
{
    private OfflineVocabulary(IReadOnlyDictionary<string, string[][]> seeds, IReadOnlyDictionary<string, string[]> cues)
    {
        Seeds = seeds;
        Cues = cues;
    }

    /// <summary>Per label, the examples as word lists; a label without examples has the phrase "about {label}".</summary>
    public IReadOnlyDictionary<string, string[][]> Seeds { get; }

    /// <summary>Per label, its cue words in the order they first appear in its examples (possibly none).</summary>
    public IReadOnlyDictionary<string, string[]> Cues { get; }

    public static OfflineVocabulary From(IReadOnlyList<string> labels, IReadOnlyList<(string Text, string Label)> examples)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToArray();
        var seeds = distinct.ToDictionary(
            l => l,
            l =>
            {
                var words = examples.Where(e => e.Label == l).Select(e => Words(e.Text)).Where(w => w.Length > 0).ToArray();
                return words.Length > 0 ? words : [["about", .. Words(l.Replace('-', ' ').Replace('_', ' '))]];
            },
            StringComparer.Ordinal);
        var keys = distinct.ToDictionary(l => l, l => seeds[l].SelectMany(w => w).Select(Key).Where(k => k.Length > 2).Distinct().ToArray(), StringComparer.Ordinal);
        var cues = distinct.ToDictionary(
            l => l,
            l => keys[l].Where(k => !distinct.Any(o => o != l && keys[o].Contains(k, StringComparer.Ordinal))).ToArray(),
            StringComparer.Ordinal);
        return new OfflineVocabulary(seeds, cues);
    }

    /// <summary>A word as words are compared: lower-case letters and digits only.</summary>
    public static string Key(string word) => new([.. word.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
