using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Feedback;

namespace Sentinel.Adapters.Feedback.Tests;

public sealed class FeedbackServiceCollectionExtensionsTests
{
    [Fact]
    public void AddFeedbackStore_MongoUriSet_ResolvesMongoStoreWithSeedDatabase()
    {
        using var provider = Build(new() { ["MONGODB_URI"] = "mongodb://127.0.0.1:27017" });

        Assert.IsType<MongoFeedbackStore>(provider.GetRequiredService<IFeedbackStore>());
        Assert.Equal("sentinel", provider.GetRequiredService<IOptions<FeedbackOptions>>().Value.Database);
    }

    [Fact]
    public void AddFeedbackStore_MongoUriUnset_ResolvesSqliteStoreInDataDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sentinel-data-" + Guid.NewGuid().ToString("N"));
        using var provider = Build(new() { ["SENTINEL_DATA_DIR"] = directory });

        var store = Assert.IsType<SqliteFeedbackStore>(provider.GetRequiredService<IFeedbackStore>());

        Assert.Equal(Path.Combine(directory, "feedback.db"), store.DatabasePath);
    }

    [Fact]
    public void AddFeedbackStore_MalformedMongoUri_FailsStartupNamingTheVariableWithoutEchoingIt()
    {
        using var provider = Build(new() { ["MONGODB_URI"] = "http://admin:hunter2@mongo:27017" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MONGODB_URI", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFeedbackStore_OutOfRangeSetting_FailsStartupNamingTheSetting()
    {
        using var provider = Build([], new() { ["Sentinel:Feedback:MaxRetryAttempts"] = "50" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Sentinel:Feedback:MaxRetryAttempts", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> environment, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings ?? [])
            .AddSeedEnvironment(environment.GetValueOrDefault)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFeedbackStore(configuration);
        return services.BuildServiceProvider();
    }
}
