namespace Sentinel.Adapters.Llm;

/// <summary>
/// The <c>offline</c> provider: builds labelled samples from the specialist's own example texts, with no network
/// and no model. Meant for local runs (the whole cycle on one machine) and tests, not for production quality.
/// </summary>
/// <remarks>
/// <para>Labels take turns, so the output is balanced. Each sample starts from the examples of its label and
/// applies one perturbation — splice (the start of one example joined to the end of another of the same label),
/// drop one word, or swap two neighbouring words. Then the <see cref="OfflineNoise"/> makes it read like real
/// data rather than a recombination of a few sentences: a share of rows is genuinely ambiguous (a fragment of the
/// label's example joined to a fragment of another label's), and each row may keep only a fragment, borrow a cue
/// word of another label (<see cref="OfflineVocabulary"/>), get a negation or a typo, filler words every label uses,
/// and a neutral opener or closer ("quick note", "thanks", …). A model trained on such rows is good, not perfect.</para>
/// <para>A label without examples is seeded with the phrase "about {label}". The sequence is fully determined by
/// the seed, the labels, the examples and the noise. Duplicates are possible (few examples give few variants); the
/// dataset generator drops them and stops when no new samples come.</para>
/// </remarks>
public sealed class OfflineSampleGenerator
{
    private static readonly string[] Openers = ["quick note", "hi team", "fyi", "update", "honestly", "just so you know", "hello", "to be clear"];
    private static readonly string[] Closers = ["thanks", "please advise", "as reported earlier", "today", "this morning", "for the record", "regards", "cheers"];

    private readonly IReadOnlyList<string> _labels;
    private readonly OfflineVocabulary _vocabulary;
    private readonly OfflineNoise _noise;
    private readonly Random _random;
    private int _turn;

    public OfflineSampleGenerator(IReadOnlyList<string> labels, IReadOnlyList<(string Text, string Label)> examples, int seed, OfflineNoise? noise = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(examples);
        if (labels.Count == 0) throw new ArgumentException("the specialist has no labels to generate samples for; set spec.labels", nameof(labels));
        _labels = labels;
        _vocabulary = OfflineVocabulary.From(labels, examples);
        _noise = noise ?? OfflineNoise.Default;
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
            samples.Add((string.Join(' ', Sample(label)), label));
        }
        return samples;
    }

    private List<string> Sample(string label)
    {
        var others = _labels.Where(l => l != label).Distinct(StringComparer.Ordinal).ToArray();
        var words = others.Length > 0 && Chance(_noise.AmbiguousShare)
            ? Ambiguous(_vocabulary.Seeds[label], _vocabulary.Seeds[others[_random.Next(others.Length)]])
            : Perturb(_vocabulary.Seeds[label]);
        if (Chance(_noise.FragmentRate)) words = Fragment(words, 3);
        if (others.Length > 0 && Chance(_noise.BorrowRate))
        {
            var cues = _vocabulary.Cues[others[_random.Next(others.Length)]];
            if (cues.Length > 0) words.Insert(_random.Next(words.Count + 1), Pick(cues));
        }
        if (_noise.Negations.Count > 0 && Chance(_noise.NegationRate)) words.Insert(_random.Next(words.Count), Pick(_noise.Negations));
        if (Chance(_noise.TypoRate)) Typo(words);
        if (_noise.Filler.Count > 0)
        {
            for (var n = _random.Next(_noise.MaxFillerWords + 1); n > 0; n--) words.Insert(_random.Next(words.Count + 1), Pick(_noise.Filler));
        }
        if (Chance(_noise.FramingRate))
        {
            if (_random.Next(2) == 0) words.Insert(0, Pick(Openers));
            else words.Add(Pick(Closers));
        }
        return words;
    }

    /// <summary>A fragment of an example of the label joined (in either order) to a fragment of another label's.</summary>
    private List<string> Ambiguous(string[][] own, string[][] other)
    {
        var mine = Fragment([.. own[_random.Next(own.Length)]], 2);
        var theirs = Fragment([.. other[_random.Next(other.Length)]], 2);
        return _random.Next(2) == 0 ? [.. mine, .. theirs] : [.. theirs, .. mine];
    }

    /// <summary>A contiguous run of about half the words, at least <paramref name="minimum"/> (all when there are no more).</summary>
    private List<string> Fragment(List<string> words, int minimum)
    {
        if (words.Count <= minimum) return words;
        var length = Math.Max(minimum, _random.Next(words.Count / 2, words.Count));
        var start = _random.Next(words.Count - length + 1);
        return words.GetRange(start, length);
    }

    private void Typo(List<string> words)
    {
        var candidates = Enumerable.Range(0, words.Count).Where(i => words[i].Length >= 4).ToArray();
        if (candidates.Length == 0) return;
        var at = candidates[_random.Next(candidates.Length)];
        var letters = words[at].ToCharArray();
        var i = _random.Next(1, letters.Length - 2);
        (letters[i], letters[i + 1]) = (letters[i + 1], letters[i]);
        words[at] = new string(letters);
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

    private bool Chance(double probability) => probability > 0 && _random.NextDouble() < probability;

    private string Pick(IReadOnlyList<string> words) => words[_random.Next(words.Count)];
}
