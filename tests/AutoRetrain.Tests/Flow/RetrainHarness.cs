using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Datasets;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.AutoRetrain.Cli;
using Sentinel.AutoRetrain.Composition;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Datasets;
using Sentinel.Core.Feedback;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Slack;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>
/// The retrain's services as the composition root registers them, over a temporary data directory, with the
/// local tracking store or the MLflow double, and notifications to a Slack webhook double.
/// </summary>
internal sealed class RetrainHarness : IAsyncDisposable
{
    private RetrainHarness(string directory, MlflowServerDouble? mlflow, SlackWebhookDouble slack)
    {
        Directory = directory;
        Mlflow = mlflow;
        Slack = slack;
    }

    public string Directory { get; }
    public MlflowServerDouble? Mlflow { get; }
    public SlackWebhookDouble Slack { get; }
    /// <summary>More configuration keys for the next runs (e.g. <c>Sentinel:OnlineQuality:ReferenceSize</c>).</summary>
    public Dictionary<string, string?> Settings { get; } = [];
    /// <summary>The clock of the next runs (e.g. <see cref="Sentinel.Testing.ShiftedTime"/> to stand months later).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
    public string DatasetDirectory(string type) => Path.Combine(Directory, DatasetStore.DirectoryName, type);

    public static async Task<RetrainHarness> StartAsync(bool withMlflow = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sentinel-retrain-" + Guid.NewGuid().ToString("N"));
        var mlflow = withMlflow ? await MlflowServerDouble.StartAsync() : null;
        return new RetrainHarness(directory, mlflow, await SlackWebhookDouble.StartAsync());
    }

    /// <summary>Runs the retrain over <paramref name="specialist"/> in a fresh service provider, notifying through Slack.</summary>
    public async Task<RetrainOutcome> RunAsync(ResolvedSpecialist specialist, bool force = false, bool skipGeneration = false, bool dryRun = false, bool forcePromote = false)
    {
        var arguments = new RetrainArguments
        {
            SpecialistType = specialist.SpecialistType, Force = force, SkipDatasetGeneration = skipGeneration, DryRun = dryRun, NotificationChannels = ["slack"],
            ForcePromote = forcePromote,
        };
        await using var services = Services(dryRun);
        return await services.GetRequiredService<RetrainRun>().ExecuteAsync([specialist], arguments, default);
    }

    /// <summary>The services the composition root registers, configured for this harness.</summary>
    public ServiceProvider Services(bool dryRun = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sentinel:DataDirectory"] = Directory,
            ["Sentinel:Slack:WebhookUrl"] = Slack.WebhookUrl.ToString(),
            ["Sentinel:Slack:Retries"] = "0",
            ["Sentinel:Mlflow:TimeoutSeconds"] = "5",
            ["Sentinel:Mlflow:MaxRetryAttempts"] = "1",
            ["Sentinel:Mlflow:RetryBaseDelayMilliseconds"] = "5",
            ["Sentinel:Mlflow:RetryMaxDelaySeconds"] = "1",
        };
        if (Mlflow is not null) settings["Sentinel:Mlflow:TrackingUri"] = Mlflow.BaseUri.ToString();
        foreach (var (key, value) in Settings) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(Clock);
        services.AddRetrainServices(configuration, dryRun);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public async Task<ModelVersionInfo?> AliasAsync(string model, string alias)
    {
        await using var services = Services();
        return await services.GetRequiredService<ITrackingStore>().GetModelVersionByAliasAsync(model, alias, default);
    }

    /// <summary>Writes a dataset file as step 1 would, dated <paramref name="writtenAt"/>.</summary>
    public async Task<string> WriteDatasetAsync(string type, IReadOnlyList<DatasetRow> rows, DateTimeOffset writtenAt)
    {
        var path = new DatasetStore(Path.Combine(Directory, DatasetStore.DirectoryName)).NewPath(type, writtenAt);
        await ParquetDatasetFile.WriteAsync(path, rows, new Dictionary<string, string> { ["sentinel.provider"] = "test" }, default);
        return path;
    }

    /// <summary>Users' labels on <paramref name="version"/>'s predictions of <paramref name="rows"/>' texts (the text kept with the feedback).</summary>
    public Task AddLabelsAsync(string type, string version, IReadOnlyList<DatasetRow> rows) => LocalFeedback.AddLabelsAsync(Directory, type, version, rows);

    /// <summary>
    /// Adds <paramref name="count"/> ratings of <paramref name="rating"/> given on <paramref name="version"/>'s predictions
    /// (the monitor judges the champion's own feedback, and only from 30 ratings on).
    /// </summary>
    public async Task AddFeedbackAsync(string type, string version, double rating, int count = 30)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var store = new SqliteFeedbackStore(Path.Combine(Directory, "feedback.db"));
        var now = DateTimeOffset.UtcNow;
        await store.InsertManyAsync(
            [.. Enumerable.Range(0, count).Select(i => new FeedbackRecord
            {
                SpecialistType = type, PredictionId = $"p-{version}-{i}", Rating = rating, ModelVersion = version, CreatedAt = now.AddMinutes(-1 - i),
            })], default);
    }

    public async ValueTask DisposeAsync()
    {
        if (Mlflow is not null) await Mlflow.DisposeAsync();
        await Slack.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
