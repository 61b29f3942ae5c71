using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests;

public sealed class MlflowOptionsTests
{
    [Fact]
    public void Validate_TrackingUriUnset_NamesSettingAndVariable()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>()));

        Assert.Contains("Sentinel:Mlflow:TrackingUri (MLFLOW_TRACKING_URI) is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mlflow.mlflow:5000")]
    [InlineData("file:///tmp/mlruns")]
    [InlineData("http://mlflow:5000/?x=1")]
    public void Validate_TrackingUriNotHttp_NamesSetting(string uri)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Sentinel:Mlflow:TrackingUri"] = uri }));

        Assert.Contains("Sentinel:Mlflow:TrackingUri", error.Message, StringComparison.Ordinal);
        Assert.Contains("http(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TimeoutSeconds", "0")]
    [InlineData("MaxRetryAttempts", "11")]
    [InlineData("RunSearchPageSize", "0")]
    public void Validate_OutOfRange_NamesSetting(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            Resolve(new() { ["Sentinel:Mlflow:TrackingUri"] = "http://mlflow:5000", [$"Sentinel:Mlflow:{key}"] = value }));

        Assert.Contains($"Sentinel:Mlflow:{key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_SeedVariables_GiveTrackingUriWithDefaults()
    {
        var env = new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "http://mlflow.mlflow:5000/prefix" };
        var configuration = new ConfigurationBuilder().AddSeedEnvironment(env.GetValueOrDefault).Build();
        using var provider = new ServiceCollection().AddLogging().AddMlflowTracking(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MlflowOptions>>().Value;

        Assert.Equal(new Uri("http://mlflow.mlflow:5000/prefix/"), options.ResolveBaseAddress());
        Assert.Equal((30, 3), (options.TimeoutSeconds, options.MaxRetryAttempts));
    }

    [Fact]
    public void StartupValidation_InvalidOptions_FailsAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sentinel:Mlflow:TimeoutSeconds"] = "5" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddMlflowTracking(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    private static MlflowOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddMlflowTracking(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MlflowOptions>>().Value;
    }
}
