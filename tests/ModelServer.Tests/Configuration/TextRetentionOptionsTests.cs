using Sentinel.ModelServer.Configuration;

namespace Sentinel.ModelServer.Tests.Configuration;

/// <summary>The text retention in effect from <c>PREDICTION_TEXT_RETENTION</c> and the deprecated <c>LOG_PREDICTION_TEXT</c>.</summary>
public sealed class TextRetentionOptionsTests
{
    [Theory]
    [InlineData(null, null, TextRetention.Labelled)]
    [InlineData(null, false, TextRetention.Labelled)]
    [InlineData(null, true, TextRetention.All)]
    [InlineData("labelled", null, TextRetention.Labelled)]
    [InlineData("labelled", false, TextRetention.Labelled)]
    [InlineData(" ALL ", null, TextRetention.All)]
    [InlineData("all", true, TextRetention.All)]
    [InlineData("none", null, TextRetention.None)]
    [InlineData("none", false, TextRetention.None)]
    public void EffectiveTextRetention_AgreeingSettings_AreValidAndGiveTheMode(string? retention, bool? logText, TextRetention expected)
    {
        var options = new ModelServerOptions { SpecialistType = "support", PredictionTextRetention = retention, LogPredictionText = logText };

        var result = new ModelServerOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(expected, options.EffectiveTextRetention);
    }
}
