using System.Globalization;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class SeedDefaultsTests
{
    /// <summary>A valid non-default value for every variable, and how it reads back.</summary>
    private static readonly Dictionary<string, (string Raw, string Expected)> Samples = new()
    {
        ["PRECISION_THRESHOLD"] = ("0.8", "0.8"),
        ["RECALL_THRESHOLD"] = ("0.65", "0.65"),
        ["F1_THRESHOLD"] = ("0.7", "0.7"),
        ["FEEDBACK_AVG_THRESHOLD"] = ("0.5", "0.5"),
        ["AGGREGATE_SCORE_THRESHOLD"] = ("0.6", "0.6"),
        ["FEEDBACK_WINDOW_DAYS"] = ("7", "7"),
        ["RETRAINING_COOLDOWN_HOURS"] = ("0", "0"),
        ["LLM_PROVIDER"] = ("openai", "openai"),
        ["LLM_MODEL"] = ("gpt-4", "gpt-4"),
        ["LLM_BASE_URL"] = ("http://ollama.default:11434", "http://ollama.default:11434"),
        ["LLM_TEMPERATURE"] = ("0.2", "0.2"),
        ["DATASET_NUM_SAMPLES"] = ("500", "500"),
        ["DATASET_GENERATION_TIMEOUT"] = ("3600", "3600"),
        ["DATASET_GENERATION_POLICY"] = ("Always", "Always"),
        ["MAX_SYNTHETIC_SHARE"] = ("0.3", "0.3"),
        ["FEEDBACK_SAMPLES"] = ("250", "250"),
        ["TRAINING_TIMEOUT"] = ("600", "600"),
        ["NOTIFICATION_CHANNELS"] = ("slack, email", "slack|email"),
        ["SLACK_CHANNEL"] = ("#on-call", "#on-call"),
        ["EMAIL_RECIPIENTS"] = ("a@example.com,b@example.com", "a@example.com|b@example.com"),
    };

    private static string Read(SeedDefaults d, string variable) => variable switch
    {
        "PRECISION_THRESHOLD" => Number(d.Thresholds.Precision),
        "RECALL_THRESHOLD" => Number(d.Thresholds.Recall),
        "F1_THRESHOLD" => Number(d.Thresholds.F1),
        "FEEDBACK_AVG_THRESHOLD" => Number(d.Thresholds.FeedbackAverage),
        "AGGREGATE_SCORE_THRESHOLD" => Number(d.Thresholds.AggregateScore),
        "FEEDBACK_WINDOW_DAYS" => Number(d.FeedbackWindowDays),
        "RETRAINING_COOLDOWN_HOURS" => Number(d.CooldownHours),
        "LLM_PROVIDER" => d.LlmProvider,
        "LLM_MODEL" => d.LlmModel,
        "LLM_BASE_URL" => d.LlmBaseUrl ?? "",
        "LLM_TEMPERATURE" => Number(d.LlmTemperature),
        "DATASET_NUM_SAMPLES" => Number(d.DatasetSamples),
        "DATASET_GENERATION_TIMEOUT" => Number(d.DatasetTimeoutSeconds),
        "DATASET_GENERATION_POLICY" => d.DatasetGenerationPolicy,
        "MAX_SYNTHETIC_SHARE" => Number(d.MaxSyntheticShare),
        "FEEDBACK_SAMPLES" => Number(d.FeedbackSamples),
        "TRAINING_TIMEOUT" => Number(d.TrainingTimeoutSeconds),
        "NOTIFICATION_CHANNELS" => string.Join('|', d.NotificationChannels),
        "SLACK_CHANNEL" => d.SlackChannel,
        "EMAIL_RECIPIENTS" => string.Join('|', d.EmailRecipients),
        _ => throw new ArgumentOutOfRangeException(nameof(variable), variable, "not a seed variable"),
    };

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static SeedDefaults From(params (string Name, string? Value)[] vars)
    {
        var env = vars.ToDictionary(v => v.Name, v => v.Value);
        return SeedDefaults.FromEnvironment(env.GetValueOrDefault);
    }

    [Fact]
    public void VariableNames_EveryOneHasATestSample()
    {
        Assert.Equal(SeedDefaults.VariableNames.Order(StringComparer.Ordinal), Samples.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FromEnvironment_NothingSet_IsBuiltin()
    {
        var d = From();

        Assert.Equal(Thresholds.Default, d.Thresholds);
        Assert.Equal(30, d.FeedbackWindowDays);
        Assert.Equal(24, d.CooldownHours);
        Assert.Equal("offline", d.LlmProvider);
        Assert.Equal(1000, d.DatasetSamples);
        Assert.Equal(0.7, d.LlmTemperature);
        Assert.Equal(1800, d.DatasetTimeoutSeconds);
        Assert.Equal(["console"], d.NotificationChannels);
        Assert.Equal("#ml-alerts", d.SlackChannel);
        Assert.Empty(d.EmailRecipients);
    }

    [Theory]
    [MemberData(nameof(VariableData))]
    public void FromEnvironment_VariableSet_ChangesOnlyItsSetting(string variable)
    {
        var (raw, expected) = Samples[variable];

        var d = From((variable, raw));

        Assert.Equal(expected, Read(d, variable));
        Assert.NotEqual(expected, Read(SeedDefaults.Builtin, variable));
        foreach (var other in Samples.Keys.Where(k => k != variable))
            Assert.Equal(Read(SeedDefaults.Builtin, other), Read(d, other));
    }

    public static TheoryData<string> VariableData() => [.. SeedDefaults.VariableNames];

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void FromEnvironment_EmptyValue_MeansUnset(string value)
    {
        var d = From(("F1_THRESHOLD", value), ("LLM_PROVIDER", value), ("NOTIFICATION_CHANNELS", value));

        Assert.Equal(SeedDefaults.Builtin.Thresholds, d.Thresholds);
        Assert.Equal("offline", d.LlmProvider);
        Assert.Equal(["console"], d.NotificationChannels);
    }

    [Theory]
    [InlineData("PRECISION_THRESHOLD", "1.5")]
    [InlineData("RECALL_THRESHOLD", "0,7")]
    [InlineData("F1_THRESHOLD", "high")]
    [InlineData("FEEDBACK_AVG_THRESHOLD", "-0.1")]
    [InlineData("AGGREGATE_SCORE_THRESHOLD", "NaN")]
    [InlineData("FEEDBACK_WINDOW_DAYS", "0")]
    [InlineData("RETRAINING_COOLDOWN_HOURS", "-1")]
    [InlineData("LLM_PROVIDER", "gpt")]
    [InlineData("LLM_TEMPERATURE", "3")]
    [InlineData("DATASET_NUM_SAMPLES", "many")]
    [InlineData("DATASET_GENERATION_TIMEOUT", "30m")]
    [InlineData("DATASET_GENERATION_POLICY", "sometimes")]
    [InlineData("MAX_SYNTHETIC_SHARE", "1.5")]
    [InlineData("FEEDBACK_SAMPLES", "-5")]
    [InlineData("TRAINING_TIMEOUT", "0")]
    [InlineData("NOTIFICATION_CHANNELS", "slack,pager")]
    public void FromEnvironment_MalformedValue_NamesTheVariable(string variable, string value)
    {
        var e = Assert.Throws<SpecValidationException>(() => From((variable, value)));

        var error = Assert.Single(e.Errors);
        Assert.Equal(variable, error.Field);
        Assert.Contains(variable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_MalformedNumber_QuotesValueAndDefault()
    {
        var e = Assert.Throws<SpecValidationException>(() => From(("F1_THRESHOLD", "high")));

        var error = Assert.Single(e.Errors);
        Assert.Contains("'high'", error.Message, StringComparison.Ordinal);
        Assert.Contains("default 0.72", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_SeveralMalformed_ReportsEveryOne()
    {
        var e = Assert.Throws<SpecValidationException>(() => From(("PRECISION_THRESHOLD", "x"), ("LLM_PROVIDER", "y"), ("TRAINING_TIMEOUT", "z")));

        Assert.Equal(["LLM_PROVIDER", "PRECISION_THRESHOLD", "TRAINING_TIMEOUT"], e.Errors.Select(x => x.Field).Order(StringComparer.Ordinal));
    }
}
