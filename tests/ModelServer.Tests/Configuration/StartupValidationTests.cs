using Microsoft.Extensions.Options;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Configuration;

/// <summary>Bad settings stop the server at start-up with a message naming the setting and the fix.</summary>
public sealed class StartupValidationTests
{
    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "Sentinel:ModelServer:SpecialistType", "", "SPECIALIST_TYPE" },
        { "Sentinel:ModelServer:SpecialistType", "Not A Name", "SPECIALIST_TYPE" },
        { "Sentinel:ModelServer:Alias", "has space", "MODEL_ALIAS" },
        { "Sentinel:ModelServer:PollInterval", "00:00:00.010", "MODEL_POLL_INTERVAL" },
        { "Sentinel:ModelServer:ModelPath", "/nonexistent/model.onnx", "MODEL_PATH" },
        { "Sentinel:ModelServer:MaxBatchSize", "0", "Sentinel:ModelServer:MaxBatchSize" },
        { "Sentinel:ModelServer:MaxTextLength", "-1", "Sentinel:ModelServer:MaxTextLength" },
        { "Sentinel:ModelServer:PredictionQueueCapacity", "0", "Sentinel:ModelServer:PredictionQueueCapacity" },
        { "Sentinel:ModelServer:FeatureSampleRate", "1.5", "FEATURE_SAMPLE_RATE" },
        { "Sentinel:ModelServer:FeatureSampleRate", "-0.1", "FEATURE_SAMPLE_RATE" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_BadSetting_FailsNamingTheSetting(string key, string? value, string named)
    {
        await using var factory = new ModelServerFactory(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TextRetentionThatNamesNoMode_FailsNamingTheSettingItsVariableAndTheModes()
    {
        await using var factory = new ModelServerFactory(new() { ["Sentinel:ModelServer:PredictionTextRetention"] = "labeled" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Sentinel:ModelServer:PredictionTextRetention (PREDICTION_TEXT_RETENTION) is 'labeled'", error.Message, StringComparison.Ordinal);
        Assert.Contains("labelled, all or none", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", "labelled")]
    [InlineData("true", "none")]
    [InlineData("false", "all")]
    public async Task Start_LogPredictionTextContradictingTheTextRetention_FailsNamingBothAndTheFix(string logText, string retention)
    {
        await using var factory = new ModelServerFactory(new()
        {
            ["Sentinel:ModelServer:LogPredictionText"] = logText,
            ["Sentinel:ModelServer:PredictionTextRetention"] = retention,
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains($"LOG_PREDICTION_TEXT (Sentinel:ModelServer:LogPredictionText) is {logText}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"PREDICTION_TEXT_RETENTION (Sentinel:ModelServer:PredictionTextRetention) is {retention}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"unset it and keep PREDICTION_TEXT_RETENTION={retention}", error.Message, StringComparison.Ordinal);
    }
}
