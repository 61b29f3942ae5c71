using Sentinel.Adapters.Llm;

namespace Sentinel.Adapters.Llm.Tests;

public sealed class OfflineSampleGeneratorTests
{
    private static readonly string[] Labels = ["positive", "negative", "neutral"];

    private static readonly (string Text, string Label)[] Examples =
    [
        ("I love this product, it works perfectly", "positive"),
        ("Fantastic support, they solved my problem in minutes", "positive"),
        ("Great value for the price, I would buy it again", "positive"),
        ("This is the worst purchase I have ever made", "negative"),
        ("It broke after two days and nobody answers my emails", "negative"),
        ("Awful customer service, I want a refund", "negative"),
        ("The package arrived on Tuesday", "neutral"),
        ("I ordered the blue version of the case", "neutral"),
        ("It is available in three sizes", "neutral"),
    ];

    private static IReadOnlyList<(string Text, string Label)> Generate(int count, int seed, OfflineNoise? noise = null) =>
        new OfflineSampleGenerator(Labels, Examples, seed, noise).Next(count);

    private static string[] Words(string text) => [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(OfflineVocabulary.Key)];

    [Fact]
    public void Next_SameSeed_GivesTheSameSamples_AndAnotherSeedOthers()
    {
        Assert.Equal(Generate(300, seed: 5), Generate(300, seed: 5));
        Assert.NotEqual(Generate(300, seed: 5), Generate(300, seed: 6));
    }

    [Fact]
    public void Next_InBatches_ContinuesTheSameSequence()
    {
        var generator = new OfflineSampleGenerator(Labels, Examples, seed: 9);

        var batched = generator.Next(40).Concat(generator.Next(60)).ToList();

        Assert.Equal(Generate(100, seed: 9), batched);
    }

    [Fact]
    public void Next_ManySamples_AreBalancedAcrossLabels()
    {
        var samples = Generate(999, seed: 1);

        Assert.All(Labels, l => Assert.Equal(333, samples.Count(s => s.Label == l)));
    }

    [Fact]
    public void Next_DefaultNoise_SharesFillerWordsAcrossEveryLabel()
    {
        var samples = Generate(900, seed: 2);

        var perLabel = Labels.ToDictionary(l => l, l => samples.Where(s => s.Label == l).SelectMany(s => Words(s.Text)).ToHashSet());
        var shared = OfflineNoise.Default.Filler.Count(f => Labels.All(l => perLabel[l].Contains(f)));
        Assert.Equal(OfflineNoise.Default.Filler.Count, shared);
    }

    [Fact]
    public void Next_DefaultNoise_PutsOtherLabelsCueWordsInAShareOfRows()
    {
        var vocabulary = OfflineVocabulary.From(Labels, Examples);
        var samples = Generate(900, seed: 3);

        var borrowing = samples.Count(s => Words(s.Text).Any(w => Labels.Where(l => l != s.Label).Any(l => vocabulary.Cues[l].Contains(w))));
        Assert.InRange(borrowing / 900.0, 0.2, 0.6);
    }

    [Fact]
    public void Next_DefaultNoise_HasNegationsAndWordsNoExampleHolds()
    {
        var known = Examples.SelectMany(e => Words(e.Text)).Concat(OfflineNoise.Default.Filler).ToHashSet();
        var samples = Generate(900, seed: 4);

        Assert.Contains(samples, s => Words(s.Text).Any(w => OfflineNoise.Default.Negations.Contains(w)));
        Assert.Contains(samples, s => Words(s.Text).Any(w => w.Length >= 4 && !known.Contains(w) && known.Any(k => k.Length == w.Length && k.Order().SequenceEqual(w.Order()))));
    }

    [Fact]
    public void Next_DefaultNoise_YieldsManyDistinctTexts()
    {
        var samples = Generate(1000, seed: 6);

        Assert.True(samples.Select(s => s.Text).Distinct().Count() > 900, "1000 noisy samples of nine examples should rarely repeat");
    }

    [Fact]
    public void Next_NoNoise_UsesOnlyTheLabelsOwnExampleWords()
    {
        var samples = Generate(300, seed: 7, OfflineNoise.None);

        Assert.All(samples, s =>
        {
            var own = Examples.Where(e => e.Label == s.Label).SelectMany(e => Words(e.Text)).ToHashSet();
            Assert.All(Words(s.Text), w => Assert.Contains(w, own));
        });
    }

    [Fact]
    public void Vocabulary_CueWords_AreThoseNoOtherLabelUses()
    {
        var vocabulary = OfflineVocabulary.From(Labels, Examples);

        Assert.Contains("love", vocabulary.Cues["positive"]);
        Assert.Contains("refund", vocabulary.Cues["negative"]);
        Assert.DoesNotContain("the", vocabulary.Cues["neutral"]); // "the" is in examples of every label
        Assert.DoesNotContain("the", vocabulary.Cues["negative"]);
    }
}
