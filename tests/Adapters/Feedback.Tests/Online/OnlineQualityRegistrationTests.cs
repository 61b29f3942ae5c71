using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Feedback.Online;
using Sentinel.Adapters.Feedback.Online.Sqlite;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Tests.Online;

public sealed class OnlineQualityRegistrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sentinel-online-reg-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        values["Sentinel:DataDirectory"] = _directory;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLogging().AddOnlineQuality(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddOnlineQuality_Keys_BindTheThresholds()
    {
        using var services = Build(("Sentinel:OnlineQuality:ConfidenceMean", "0.5"), ("Sentinel:OnlineQuality:ConfidenceDuration", "02:00:00"));

        var thresholds = services.GetRequiredService<IOptions<OnlineQualityThresholds>>().Value;

        Assert.Equal(0.5, thresholds.ConfidenceMean);
        Assert.Equal(TimeSpan.FromHours(2), thresholds.ConfidenceDuration);
        Assert.Equal(OnlineQualityThresholds.Default.Accuracy, thresholds.Accuracy);
    }

    [Fact]
    public void AddOnlineQuality_ThresholdOutOfRange_FailsNamingTheKey()
    {
        using var services = Build(("Sentinel:OnlineQuality:DominantClassShare", "1.5"));

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OnlineQualityThresholds>>().Value);

        Assert.Contains("Sentinel:OnlineQuality:DominantClassShare is 1.5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOnlineQuality_WithoutMongo_ReadsTheFeedbackFile()
    {
        using var services = Build();

        var observations = Assert.IsType<SqliteOnlineObservations>(services.GetRequiredService<IOnlineObservations>());

        Assert.Equal(Path.Combine(Path.GetFullPath(_directory), "feedback.db"), observations.DatabasePath);
        Assert.IsType<SqliteRecentInputFeatures>(services.GetRequiredService<IRecentInputFeatures>());
        Assert.IsType<SqlitePairedObservations>(services.GetRequiredService<Sentinel.Core.Rollout.IPairedObservations>());
    }

    [Fact]
    public async Task BaselineSource_ReferenceOnTheRun_ReadsTheVectorsAndNullWithoutOne()
    {
        var store = new LocalTrackingStore(_directory, TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("sentiment-specialist", Ct);
        var run = await store.CreateRunAsync(experiment, "champion", new Dictionary<string, string>(), DateTimeOffset.UtcNow, Ct);
        var bare = await store.CreateRunAsync(experiment, "bare", new Dictionary<string, string>(), DateTimeOffset.UtcNow, Ct);
        var saved = ReferenceFeatures.Sample(["great fast delivery", "broken screen", "friendly support"], size: 10, seed: 1);
        using (var content = new MemoryStream(ReferenceFeaturesArtifact.Serialize(saved)))
            await store.UploadArtifactAsync(run, ReferenceFeaturesArtifact.Path, content, Ct);
        var source = new TrackingBaselineSource(store);

        var reference = await source.FindReferenceAsync(run.RunId, Ct);

        Assert.NotNull(reference);
        Assert.Equal(3, reference.Vectors.Count);
        Assert.Equal(FeatureHasher.Default.Transform("broken screen").Indices.ToArray(), reference.Vectors[1].Indices.ToArray());
        Assert.Null(await source.FindReferenceAsync(bare.RunId, Ct));
    }

    [Fact]
    public async Task BaselineSource_MalformedReference_ThrowsNamingTheArtifact()
    {
        var store = new LocalTrackingStore(_directory, TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("sentiment-specialist", Ct);
        var run = await store.CreateRunAsync(experiment, "champion", new Dictionary<string, string>(), DateTimeOffset.UtcNow, Ct);
        using (var content = new MemoryStream("{\"format_version\": 1"u8.ToArray()))
            await store.UploadArtifactAsync(run, ReferenceFeaturesArtifact.Path, content, Ct);

        var error = await Assert.ThrowsAsync<FormatException>(() => new TrackingBaselineSource(store).FindReferenceAsync(run.RunId, Ct));

        Assert.StartsWith("baseline/reference_features.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaselineSource_ArtifactOnTheRun_ReadsTheDistributionInItsOrder()
    {
        var store = new LocalTrackingStore(_directory, TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("sentiment-specialist", Ct);
        var run = await store.CreateRunAsync(experiment, "champion", new Dictionary<string, string>(), DateTimeOffset.UtcNow, Ct);
        var bare = await store.CreateRunAsync(experiment, "bare", new Dictionary<string, string>(), DateTimeOffset.UtcNow, Ct);
        using (var content = new MemoryStream(BaselineArtifact.Serialize(new ClassDistribution(["negative", "neutral", "positive"], [3, 1, 2]))))
            await store.UploadArtifactAsync(run, BaselineArtifact.Path, content, Ct);
        var source = new TrackingBaselineSource(store);

        var baseline = await source.FindAsync(run.RunId, Ct);

        Assert.NotNull(baseline);
        Assert.Equal(["negative", "neutral", "positive"], baseline.Labels);
        Assert.Equal([3.0, 1, 2], baseline.Counts);
        Assert.Null(await source.FindAsync(bare.RunId, Ct));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
