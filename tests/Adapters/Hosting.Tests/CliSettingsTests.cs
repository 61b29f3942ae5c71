using Sentinel.Adapters.Hosting;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Hosting.Http;
using Sentinel.Core.Errors;

namespace Sentinel.Adapters.Hosting.Tests;

public sealed class CliSettingsTests
{
    [Theory]
    [InlineData(null, "text")]
    [InlineData("", "text")]
    [InlineData(" JSON ", "json")]
    [InlineData("text", "text")]
    public void LogFormat_TextOrJson_IsAccepted(string? value, string expected) => Assert.Equal(expected, CliHost.LogFormat(value));

    [Fact]
    public void LogFormat_Other_IsRefusedNamingTheVariableAndTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => CliHost.LogFormat("xml"));

        Assert.Contains("SENTINEL_LOG_FORMAT 'xml'", error.Message, StringComparison.Ordinal);
        Assert.Contains("text", error.Message, StringComparison.Ordinal);
        Assert.Contains("json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sentinel:Mlflow:TimeoutSeconds", "System.Int32", "MLFLOW_TIMEOUT_SECONDS (Sentinel:Mlflow:TimeoutSeconds) = 'abc' is not a whole number")]
    [InlineData("Sentinel:OnlineQuality:PsiThreshold", "System.Nullable`1[System.Double]", "Sentinel__OnlineQuality__PsiThreshold (Sentinel:OnlineQuality:PsiThreshold) = 'abc' is not a number")]
    [InlineData("Sentinel:ModelServer:LogPredictionText", "System.Boolean", "LOG_PREDICTION_TEXT (Sentinel:ModelServer:LogPredictionText) = 'abc' is not true or false")]
    [InlineData("Sentinel:Operator:Mode", "Sentinel.Operator.Mode", "Sentinel__Operator__Mode (Sentinel:Operator:Mode) = 'abc' is not a value of the kind the setting takes")]
    public void ConversionFailure_IsToldInTheSettingsTerms_WithoutTypeNames(string key, string type, string expected)
    {
        var binder = new InvalidOperationException($"Failed to convert configuration value 'abc' at '{key}' to type '{type}'.", new FormatException("abc is not valid"));

        var message = ConfigurationValueError.Describe(new AggregateException(binder));

        Assert.NotNull(message);
        Assert.StartsWith(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherInvalidOperation_IsNotAConfigurationError() =>
        Assert.Null(ConfigurationValueError.Describe(new InvalidOperationException("Sequence contains no elements")));

    [Theory]
    [InlineData("http://user:secret@mlflow.mlflow:5000/", "http://mlflow.mlflow:5000/")]
    [InlineData("https://mlflow.example.com/tracking?token=abc", "https://mlflow.example.com/tracking")]
    [InlineData("not a url user:secret", "(not an absolute URL)")]
    public void WithoutCredentials_KeepsHostAndPath_DropsUserInfoAndQuery(string url, string expected) =>
        Assert.Equal(expected, RedactedUrl.WithoutCredentials(url));

    [Fact]
    public void DataDirectory_ThatCannotBeCreated_IsAnUnavailableDependencyNamingTheVariable()
    {
        var error = Assert.Throws<DependencyUnavailableException>(() => DataDirectory.Create("/proc/sentinel-cannot-be-here/feedback"));

        Assert.Equal("data-directory", error.Dependency);
        Assert.Contains("SENTINEL_DATA_DIR", error.Message, StringComparison.Ordinal);
    }
}
