using Sentinel.GoldenJob.Configuration;

namespace Sentinel.GoldenJob.Tests.Evaluation;

public sealed class GoldenOptionsValidatorTests : IDisposable
{
    private readonly string _set = Path.Combine(Path.GetTempPath(), $"sentinel-golden-{Guid.NewGuid():N}.jsonl");

    public GoldenOptionsValidatorTests() => File.WriteAllText(_set, "{\"text\": \"a\", \"label\": \"b\"}\n");

    public void Dispose() => File.Delete(_set);

    private GoldenOptions Valid(string url = "http://sentinel-model-server:8080") => new() { SetPath = _set, ModelServerUrl = url };

    private static IReadOnlyList<string> Failures(GoldenOptions options) =>
        new GoldenOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.Empty(Failures(Valid()));

    [Theory]
    [InlineData("http://user:secret@models:8080", "is not an http(s) base URL without credentials or query")]
    [InlineData("http://models:8080/?x=1", "is not an http(s) base URL without credentials or query")]
    [InlineData("models:8080", "is not an http(s) base URL")]
    public void Validate_BadModelServerUrl_NamesTheVariableWithoutEchoingIt(string url, string message)
    {
        var failure = Assert.Single(Failures(Valid(url)));

        Assert.StartsWith("Sentinel:Golden:ModelServerUrl (MODEL_SERVER_URL) ", failure, StringComparison.Ordinal);
        Assert.Contains(message, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EverythingWrong_ListsEachSetting()
    {
        var options = new GoldenOptions
        {
            SetPath = null, ModelServerUrl = " ", SpecialistType = "Sentiment!", MaxItems = 100_001, BatchSize = 0,
            FeedbackConcurrency = 0, TimeoutSeconds = 0, Retries = 11, RetryDelay = TimeSpan.FromMinutes(2),
        };

        var failures = Failures(options);

        Assert.Equal(9, failures.Count);
        foreach (var setting in new[] { "SetPath (GOLDEN_SET_PATH)", "ModelServerUrl (MODEL_SERVER_URL)", "SpecialistType (SPECIALIST_TYPE)", "MaxItems (GOLDEN_MAX_ITEMS)",
                     "BatchSize (GOLDEN_BATCH_SIZE)", "FeedbackConcurrency", "TimeoutSeconds", "Retries", "RetryDelay" })
            Assert.Contains(failures, f => f.StartsWith($"Sentinel:Golden:{setting}", StringComparison.Ordinal));
    }
}
