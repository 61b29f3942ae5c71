using Microsoft.Extensions.Time.Testing;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.Core.Errors;

namespace Sentinel.AutoRetrain.Tests.Datasets;

public sealed class DatasetGeneratorTests
{
    private static readonly DatasetGenerationOptions Small = new() { MinimumSamples = 6, MaxUnproductiveBatches = 3 };

    private static string Reply(params (string Text, string Label)[] samples) =>
        "{\"samples\": [" + string.Join(", ", samples.Select(s => $"{{\"text\": \"{s.Text}\", \"label\": \"{s.Label}\"}}")) + "]}";

    private static readonly string GoodBatch = Reply(("love it", "positive"), ("so happy with it", "positive"), ("broken again", "negative"), ("awful support", "negative"));
    private static readonly string SecondBatch = Reply(("it is a chair", "neutral"), ("arrived monday", "neutral"), ("Love it!", "positive"));

    [Fact]
    public async Task Generate_PartialAndBadBatches_CountsRejectsAndKeepsGoing()
    {
        var source = new ScriptedSampleSource(
            GoodBatch,
            "Sorry, I cannot help with that.",
            "[{\"text\": \"x\", \"label\": \"positive\"}, {\"text\": \"fine\", \"label\": \"meh\"}, {\"text\": \"   \", \"label\": \"neutral\"}, {\"label\": \"neutral\"}, 42]",
            new HttpRequestException("connection refused"),
            SecondBatch);

        var options = new DatasetGenerationOptions { MinimumSamples = 6, MaxUnproductiveBatches = 5 };

        var dataset = await GeneratorFactory.Create(options).GenerateAsync(Specialists.Sentiment(samples: 6), source, TestContext.Current.CancellationToken);

        Assert.Equal(GenerationStop.Completed, dataset.Stop);
        Assert.Equal(6, dataset.Rows.Count);
        Assert.Equal(1, dataset.Rejected["malformed_response"]);
        Assert.Equal(2, dataset.Rejected["malformed_item"]);
        Assert.Equal(1, dataset.Rejected["too_short"]);
        Assert.Equal(1, dataset.Rejected["unknown_label"]);
        Assert.Equal(1, dataset.Rejected["empty_text"]);
        Assert.False(dataset.Rejected.ContainsKey("duplicate")); // "Love it!" was not needed: the count was reached first
        Assert.Equal((4, 1), (dataset.Batches, dataset.FailedBatches));
        Assert.Equal("abc123", dataset.PromptHash);
    }

    [Fact]
    public async Task Generate_TimeoutPasses_ReturnsCollectedRowsFlaggedTimedOut()
    {
        var time = new FakeTimeProvider();
        var source = new ScriptedSampleSource(GoodBatch, SecondBatch) { HangWhenDone = true };
        var specialist = Specialists.Sentiment(samples: 100, timeout: TimeSpan.FromMinutes(30));

        var run = GeneratorFactory.Create(Small, time).GenerateAsync(specialist, source, TestContext.Current.CancellationToken);
        await source.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(30));
        var dataset = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(dataset.TimedOut);
        Assert.Equal(6, dataset.Rows.Count); // "Love it!" repeats "love it"
        Assert.Equal(1, dataset.Rejected["duplicate"]);
        Assert.Equal(TimeSpan.FromMinutes(30), dataset.Duration);
    }

    [Fact]
    public async Task Generate_TooFewSamples_ThrowsSayingHowManyAndWhy()
    {
        var source = new ScriptedSampleSource(Reply(("love it", "positive"), ("broken again", "negative")));

        var error = await Assert.ThrowsAsync<InsufficientDatasetException>(() =>
            GeneratorFactory.Create(Small).GenerateAsync(Specialists.Sentiment(samples: 50), source, TestContext.Current.CancellationToken));

        Assert.Contains("2 usable samples (need 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("short: positive (1), negative (1), neutral (0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 batches in a row added nothing", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, source.Calls);
    }

    [Fact]
    public async Task Generate_EveryCallFails_ThrowsDependencyUnavailableForTheLlm()
    {
        var source = new ScriptedSampleSource(new HttpRequestException("503"), new HttpRequestException("503"), new HttpRequestException("503 again"));

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            GeneratorFactory.Create(Small).GenerateAsync(Specialists.Sentiment(samples: 10), source, TestContext.Current.CancellationToken));

        Assert.Equal("llm", error.Dependency);
        Assert.Contains("503 again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_CallerCancels_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        var source = new ScriptedSampleSource(GoodBatch) { HangWhenDone = true };

        var run = GeneratorFactory.Create(Small).GenerateAsync(Specialists.Sentiment(samples: 100), source, cancel.Token);
        await source.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
