using Sentinel.Adapters.Llm;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Tests.Datasets;

public sealed class OfflineGenerationTests
{
    private static async Task<GeneratedDataset> Generate(int samples, int seed)
    {
        var specialist = Specialists.Sentiment(samples: samples);
        using var source = new OfflineSampleSource(new OfflineSampleGenerator(specialist.Labels, specialist.Examples, seed), batchSize: 25);
        return await GeneratorFactory.Create().GenerateAsync(specialist, source, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Generate_Offline_ReachesCountWithValidBalancedLabels()
    {
        var dataset = await Generate(90, seed: 1);

        Assert.Equal(GenerationStop.Completed, dataset.Stop);
        Assert.Equal(90, dataset.Rows.Count);
        Assert.All(dataset.Rows, r => Assert.Contains(r.Label, Specialists.Labels));
        Assert.All(dataset.Rows, r => Assert.Equal(DatasetSource.Synthetic, r.Source));
        Assert.All(Specialists.Labels, l => Assert.InRange(dataset.Rows.Count(r => r.Label == l), 20, 40));
        Assert.Null(dataset.PromptHash);
        Assert.Equal("offline", dataset.Provider);
    }

    [Fact]
    public async Task Generate_Offline_DropsDuplicatesByNormalisedText()
    {
        var dataset = await Generate(90, seed: 1);

        Assert.Equal(dataset.Rows.Count, dataset.Rows.Select(r => TextNormalizer.Normalize(r.Text)).Distinct().Count());
        Assert.True(dataset.Rejected.GetValueOrDefault("duplicate") > 0, "nine examples cannot yield 90 samples without repeats");
    }

    [Fact]
    public async Task Generate_SameSeed_IsDeterministic()
    {
        var first = await Generate(60, seed: 7);
        var again = await Generate(60, seed: 7);
        var other = await Generate(60, seed: 8);

        Assert.Equal(first.Rows, again.Rows);
        Assert.NotEqual(first.Rows, other.Rows);
    }

    [Fact]
    public async Task Generate_MoreThanExamplesAllow_StopsExhaustedAndReturnsWhatItHas()
    {
        var specialist = Specialists.Sentiment(samples: 5000) with
        {
            Examples = [("love it so much", "positive"), ("broken on arrival today", "negative"), ("it is a chair", "neutral")],
        };
        using var source = new OfflineSampleSource(new OfflineSampleGenerator(specialist.Labels, specialist.Examples, 1), batchSize: 25);

        var dataset = await GeneratorFactory.Create().GenerateAsync(specialist, source, TestContext.Current.CancellationToken);

        Assert.Equal(GenerationStop.Exhausted, dataset.Stop);
        Assert.InRange(dataset.Rows.Count, 20, 4999);
    }

    [Fact]
    public void OfflineGenerator_LabelWithoutExamples_IsSeededWithItsName()
    {
        var generator = new OfflineSampleGenerator(["billing", "tech-support"], [("my invoice is wrong", "billing")], seed: 3);

        var samples = generator.Next(10);

        Assert.Equal(5, samples.Count(s => s.Label == "tech-support"));
        Assert.All(samples.Where(s => s.Label == "tech-support"), s => Assert.Contains("support", s.Text, StringComparison.Ordinal));
    }
}
