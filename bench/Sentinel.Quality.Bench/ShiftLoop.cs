using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Datasets;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Inference;
using Sentinel.AutoRetrain.Cli;
using Sentinel.AutoRetrain.Composition;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;
using Sentinel.Core.Feedback;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Quality.Bench;

/// <summary>What one seed of the shift scenario gave.</summary>
internal sealed record ShiftOutcome(
    RetrainResult First, RetrainResult Second, ClassificationReport Champion, ClassificationReport Challenger,
    ClassificationReport BaselineOnChallengerRows, ClassificationReport BaselineOnChampionRows);

/// <summary>
/// The whole loop on one machine, through the same services <c>sentinel-retrain</c> runs: a first model from the
/// initial rows, users' labels on served rows as feedback, a retrain (forced to run now; its promotion decided by the
/// rule, never forced), then every model scored on the served rows nobody labelled.
/// </summary>
internal static class ShiftLoop
{
    private const string Type = "movies";

    public static async Task<ShiftOutcome> RunAsync(ShiftScenario scenario, int seed)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"sentinel-quality-{Guid.NewGuid():N}");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sentinel:DataDirectory"] = directory }).Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSingleton(TimeProvider.System);
            services.AddRetrainServices(configuration, dryRun: false);
            await using var provider = services.BuildServiceProvider();
            var specialist = Specialist(scenario.Labelled.Count);

            await WriteDatasetAsync(directory, scenario.Initial);
            var first = await RetrainAsync(provider, specialist, force: false);
            await AddLabelsAsync(directory, scenario.Labelled, first.ModelVersion ?? "1");
            var second = await RetrainAsync(provider, specialist, force: true);

            var store = provider.GetRequiredService<ITrackingStore>();
            var (championModel, championTraining) = await ModelOfAsync(store, first.RunId!);
            var (challengerModel, challengerTraining) = await ModelOfAsync(store, second.RunId!);
            return new ShiftOutcome(
                first, second, championModel(scenario.Unseen), challengerModel(scenario.Unseen),
                TfidfBaseline.TrainAndScore(MovieReviews.Labels, challengerTraining, scenario.Unseen, seed),
                TfidfBaseline.TrainAndScore(MovieReviews.Labels, championTraining, scenario.Unseen, seed));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// A binary sentiment specialist. Sentence polarity is a hard task (about 0.75 for word n-gram models), so its
    /// thresholds are 0.65: what a team would set for it, below which a model is refused.
    /// </summary>
    private static ResolvedSpecialist Specialist(int feedbackSamples) => new()
    {
        Name = Type, SpecialistType = Type, Labels = MovieReviews.Labels, Examples = [],
        Experiment = $"{Type}-specialist", RegisteredModel = $"{Type}-specialist", ChampionAlias = "champion",
        Thresholds = new Thresholds(0.65, 0.65, 0.65, 0.6, 0.6), Weights = Weights.Default, FeedbackWindow = TimeSpan.FromDays(30),
        Schedule = "0 */6 * * *", Suspend = false,
        Retraining = new ResolvedRetraining
        {
            Enabled = true, Cooldown = TimeSpan.FromHours(24),
            DatasetGeneration = new ResolvedDatasetGeneration { Provider = "offline", Model = "none", Samples = 1, Temperature = 0.7, Timeout = TimeSpan.FromMinutes(5) },
            FeedbackSamples = feedbackSamples, TrainingTimeout = TimeSpan.FromMinutes(30),
            MinAbsoluteImprovement = 0.01, MinRelativeImprovement = 0, TransitionStage = false,
        },
        Notifications = new ResolvedNotifications { Channels = [], SlackChannel = "#ml", EmailRecipients = [] },
    };

    private static async Task<RetrainResult> RetrainAsync(IServiceProvider provider, ResolvedSpecialist specialist, bool force)
    {
        var arguments = new RetrainArguments { SpecialistType = Type, Force = force, SkipDatasetGeneration = true };
        var outcome = await provider.GetRequiredService<RetrainRun>().ExecuteAsync([specialist], arguments, CancellationToken.None);
        var result = outcome.Results.Single();
        if (result.Status != RetrainState.Succeeded) throw new InvalidOperationException($"retrain {result.Status} at {result.FailedStep}: {result.Error}");
        return result;
    }

    private static async Task WriteDatasetAsync(string directory, IReadOnlyList<DatasetRow> rows)
    {
        var path = new DatasetStore(Path.Combine(directory, DatasetStore.DirectoryName)).NewPath(Type, DateTimeOffset.UtcNow.AddMinutes(-5));
        await ParquetDatasetFile.WriteAsync(path, rows, new Dictionary<string, string> { ["sentinel.provider"] = "movie-review-polarity" }, CancellationToken.None);
    }

    private static async Task AddLabelsAsync(string directory, IReadOnlyList<DatasetRow> labelled, string version)
    {
        using var store = new SqliteFeedbackStore(Path.Combine(directory, "feedback.db"));
        var now = DateTimeOffset.UtcNow;
        await store.InsertManyAsync(
            [.. labelled.Select((r, i) => new FeedbackRecord
            {
                SpecialistType = Type, PredictionId = $"p{i}", TrueLabel = r.Label, Text = r.Text, ModelVersion = version, CreatedAt = now.AddSeconds(-i),
            })], CancellationToken.None);
    }

    /// <summary>A run's model as a scoring function, and the rows it was trained on.</summary>
    private static async Task<(Func<IReadOnlyList<DatasetRow>, ClassificationReport> Score, IReadOnlyList<DatasetRow> Training)> ModelOfAsync(ITrackingStore store, string runId)
    {
        var run = await store.GetRunAsync(runId, CancellationToken.None) ?? throw new InvalidOperationException($"run {runId} not found");
        var onnx = await ReadAsync(store, run, "model/model.onnx");
        var labels = LabelMap.Parse(System.Text.Encoding.UTF8.GetString(await ReadAsync(store, run, $"model/{LabelMap.FileName}")));
        var training = await DatasetArtifacts.DownloadAsync(store, run, DatasetArtifacts.TrainingPath, CancellationToken.None)
            ?? throw new InvalidOperationException($"run {runId} has no {DatasetArtifacts.TrainingPath}");
        return (rows => ModelScoring.Score(onnx, labels, MovieReviews.Labels, rows), training);
    }

    private static async Task<byte[]> ReadAsync(ITrackingStore store, TrackedRun run, string path)
    {
        await using var stream = await store.DownloadArtifactAsync(run, path, CancellationToken.None)
            ?? throw new InvalidOperationException($"run {run.RunId} has no {path}");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
