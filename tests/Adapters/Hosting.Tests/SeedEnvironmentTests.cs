using Microsoft.Extensions.Configuration;
using Sentinel.Adapters.Hosting.Configuration;

namespace Sentinel.Adapters.Hosting.Tests;

public sealed class SeedEnvironmentTests
{
    [Fact]
    public void AddSeedEnvironment_MapsSeedVariablesToSections()
    {
        var env = new Dictionary<string, string?> { ["MLFLOW_TRACKING_URI"] = " http://mlflow:5000 ", ["MONGODB_URI"] = "", ["SMTP_PORT"] = "2525" };

        var config = new ConfigurationBuilder().AddSeedEnvironment(k => env.GetValueOrDefault(k)).Build();

        Assert.Equal("http://mlflow:5000", config["Sentinel:Mlflow:TrackingUri"]);
        Assert.Null(config["Sentinel:Feedback:MongoUri"]);
        Assert.Equal("2525", config["Sentinel:Smtp:Port"]);
    }

    [Fact]
    public void AddSeedEnvironment_FeatureSampleRate_ReachesTheModelServerSection()
    {
        var config = new ConfigurationBuilder().AddSeedEnvironment(k => k == "FEATURE_SAMPLE_RATE" ? "0.25" : null).Build();

        Assert.Equal("0.25", config["Sentinel:ModelServer:FeatureSampleRate"]);
    }

    [Fact]
    public void AddSeedEnvironment_TextRetentionAndItsDeprecatedAlias_ReachTheModelServerSection()
    {
        var env = new Dictionary<string, string?> { ["PREDICTION_TEXT_RETENTION"] = "none", ["LOG_PREDICTION_TEXT"] = "false" };

        var config = new ConfigurationBuilder().AddSeedEnvironment(k => env.GetValueOrDefault(k)).Build();

        Assert.Equal("none", config["Sentinel:ModelServer:PredictionTextRetention"]);
        Assert.Equal("false", config["Sentinel:ModelServer:LogPredictionText"]);
    }

    [Fact]
    public void DataDirectory_Unset_IsDotSentinelUnderCurrentDirectory()
    {
        var config = new ConfigurationBuilder().Build();

        Assert.Equal(Path.GetFullPath(".sentinel"), SeedEnvironment.DataDirectory(config));
    }
}
