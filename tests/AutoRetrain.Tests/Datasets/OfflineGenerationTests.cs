using Sentinel.Adapters.Hosting.Specs;
using Sentinel.Adapters.Llm;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.AutoRetrain.Tests.Training;
using Sentinel.Core.Datasets;
using Sentinel.Core.Specs;

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
    }

    [Fact]
    public async Task Generate_OfflineWithoutNoise_DropsTheRepeatsOfFewExamples()
    {
        var specialist = Specialists.Sentiment(samples: 90);
        using var source = new OfflineSampleSource(new OfflineSampleGenerator(specialist.Labels, specialist.Examples, 1, OfflineNoise.None), batchSize: 25);

        var dataset = await GeneratorFactory.Create().GenerateAsync(specialist, source, TestContext.Current.CancellationToken);

        Assert.Equal(dataset.Rows.Count, dataset.Rows.Select(r => TextNormalizer.Normalize(r.Text)).Distinct().Count());
        Assert.True(dataset.Rejected.GetValueOrDefault("duplicate") > 0, "nine examples recombined cannot yield 90 samples without repeats");
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
    public async Task Generate_MoreThanExamplesAllowWithoutNoise_StopsExhaustedAndReturnsWhatItHas()
    {
        var specialist = Specialists.Sentiment(samples: 5000) with
        {
            Examples = [("love it so much", "positive"), ("broken on arrival today", "negative"), ("it is a chair", "neutral")],
        };
        using var source = new OfflineSampleSource(new OfflineSampleGenerator(specialist.Labels, specialist.Examples, 1, OfflineNoise.None), batchSize: 25);

        var dataset = await GeneratorFactory.Create().GenerateAsync(specialist, source, TestContext.Current.CancellationToken);

        Assert.Equal(GenerationStop.Exhausted, dataset.Stop);
        Assert.InRange(dataset.Rows.Count, 20, 4999);
    }

    [Fact]
    public void OfflineGenerator_LabelWithoutExamples_IsSeededWithItsName()
    {
        var generator = new OfflineSampleGenerator(["billing", "tech-support"], [("my invoice is wrong", "billing")], seed: 3);

        var samples = generator.Next(100);

        Assert.Equal(50, samples.Count(s => s.Label == "tech-support"));
        // The noise makes some rows ambiguous or cuts them short, but most keep the label's name.
        Assert.InRange(samples.Count(s => s.Label == "tech-support" && s.Text.Contains("support", StringComparison.Ordinal)), 30, 50);
    }

    public static TheoryData<string> EmbeddedTypes => ["sentiment", "technical"];

    /// <summary>
    /// Offline data is meant to look like real data: a model trained on 1000 rows is good but not perfect on the rows
    /// it did not learn from (about 0.8; 1.000 would mean the rows are too easy to tell anything).
    /// </summary>
    [Theory]
    [MemberData(nameof(EmbeddedTypes))]
    public async Task Train_OnThousandOfflineRows_ScoresBetweenChanceAndPerfectOnEvaluationRows(string type)
    {
        var specialist = SpecialistSelection.Select(SpecialistSpecLoader.LoadEmbeddedDefaults(), type, SeedDefaults.FromEnvironment(_ => null))[0];
        specialist = specialist with
        {
            Retraining = specialist.Retraining with { DatasetGeneration = specialist.Retraining.DatasetGeneration with { Samples = 1000 } },
        };
        using var source = new OfflineSampleSource(new OfflineSampleGenerator(specialist.Labels, specialist.Examples, 42), batchSize: 25);
        var dataset = await GeneratorFactory.Create().GenerateAsync(specialist, source, TestContext.Current.CancellationToken);

        var trained = await TrainerFactory.Create().TrainAsync(type, specialist.Labels, dataset.Rows, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"{type}: macro F1 {trained.Evaluation.MacroF1:0.000} on {trained.EvaluationSet.Count} evaluation rows");
        Assert.Equal(1000, dataset.Rows.Count);
        Assert.True(trained.EvaluationSet.Count >= 100, $"{trained.EvaluationSet.Count} evaluation rows");
        Assert.InRange(trained.Evaluation.MacroF1, 0.6, 0.97);
        Assert.NotEqual(0.6, trained.Evaluation.MacroF1);
        Assert.NotEqual(0.97, trained.Evaluation.MacroF1);
    }
}
