namespace Sentinel.Adapters.Llm;

/// <summary>
/// The <c>offline</c> provider: builds labelled samples from the specialist's own example texts, with no network
/// and no model. Meant for local runs (the whole cycle on one machine) and tests, not for production quality.
/// </summary>
/// <remarks>
/// <para>Labels take turns, so the output is balanced. Each sample starts from the examples of its label and
/// applies one perturbation — splice (the start of one example joined to the end of another of the same label),
/// drop one word, or swap two neighbouring words — then, half of the time, frames the text with a neutral
/// opener or closer ("quick note", "thanks", …) that carries no label information.</para>
/// <para>A label without examples is seeded with the phrase "about {label}". The sequence is fully determined by
/// the seed, the labels and the examples. Duplicates are possible (few examples give few variants); the
/// dataset generator drops them and stops when no new samples come.</para>
/// </remarks>
public sealed class OfflineSampleGenerator
{
    private static readonly string[] Openers = ["quick note", "hi team", "fyi", "update", "honestly", "just so you know", "hello", "to be clear"];
    private static readonly string[] Closers = ["thanks", "please advise", "as reported earlier", "today", "this morning", "for the record", "regards", "cheers"];

    private readonly IReadOnlyList<string> _labels;
    private readonly Dictionary<string, string[][]> _seeds;
    private readonly Random _random;
    private int _turn;

    public OfflineSampleGenerator(IReadOnlyList<string> labels, IReadOnlyList<(string Text, string Label)> examples, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(examples);
        if (labels.Count == 0) throw new ArgumentException("the specialist has no labels to generate samples for; set spec.labels", nameof(labels));
        _labels = labels;
        _seeds = labels.Distinct(StringComparer.Ordinal).ToDictionary(
            l => l,
            l =>
            {
                var words = examples.Where(e => e.Label == l).Select(e => Words(e.Text)).Where(w => w.Length > 0).ToArray();
                return words.Length > 0 ? words : [["about", .. Words(l.Replace('-', ' ').Replace('_', ' '))]];
            },
            StringComparer.Ordinal);
        _random = new Random(seed);
    }

    /// <summary>The next <paramref name="count"/> samples of the sequence.</summary>
    public IReadOnlyList<(string Text, string Label)> Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var samples = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var label = _labels[_turn++ % _labels.Count];
            samples.Add((string.Join(' ', Sample(_seeds[label])), label));
        }
        return samples;
    }

    private List<string> Sample(string[][] seeds)
    {
        var words = Perturb(seeds);
        if (_random.Next(2) == 0)
        {
            if (_random.Next(2) == 0) words.Insert(0, Pick(Openers));
            else words.Add(Pick(Closers));
        }
        return words;
    }

    private List<string> Perturb(string[][] seeds)
    {
        var first = seeds[_random.Next(seeds.Length)];
        switch (_random.Next(3))
        {
            case 0 when seeds.Length > 1 && first.Length > 1:
                var second = seeds[_random.Next(seeds.Length)];
                var cut = _random.Next(1, first.Length);
                var from = second.Length > 1 ? _random.Next(1, second.Length) : 0;
                return [.. first[..cut], .. second[from..]];
            case 1 when first.Length > 2:
                var dropped = first.ToList();
                dropped.RemoveAt(_random.Next(dropped.Count));
                return dropped;
            case 2 when first.Length > 1:
                var swapped = first.ToList();
                var at = _random.Next(swapped.Count - 1);
                (swapped[at], swapped[at + 1]) = (swapped[at + 1], swapped[at]);
                return swapped;
            default:
                return [.. first];
        }
    }

    private string Pick(string[] words) => words[_random.Next(words.Length)];

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
