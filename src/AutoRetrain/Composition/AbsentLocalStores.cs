using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Feedback.Online;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Drift;
using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.Core.Retraining;
using Sentinel.Core.Rollout;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Composition;

/// <summary>
/// For <c>--dry-run</c>: the embedded stores create their files when opened, and a dry run writes nothing. When the
/// data directory has no tracking database or no feedback database yet, the reads the decision needs are answered
/// as from an empty store (no run, no retrain, no feedback) without creating anything, and the online retrain triggers
/// read as unknown (no feedback store).
/// </summary>
internal static class AbsentLocalStores
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        var directory = SeedEnvironment.DataDirectory(configuration);
        var tracking = Path.Combine(directory, LocalTrackingStore.DatabaseFileName);
        if (!TrackingRegistration.UsesMlflow(configuration) && !File.Exists(tracking))
        {
            var absent = new AbsentTracking(tracking);
            services.AddSingleton<IRunSource>(absent);
            services.AddSingleton<IRetrainHistory>(absent);
            services.AddSingleton<IBaselineSource>(absent);
            services.AddSingleton<IDriftReferenceStore>(absent);
        }
        var feedback = Path.Combine(directory, FeedbackServiceCollectionExtensions.SqliteFileName);
        if (string.IsNullOrWhiteSpace(configuration[$"{FeedbackOptions.SectionName}:{nameof(FeedbackOptions.MongoUri)}"]) && !File.Exists(feedback))
        {
            services.AddSingleton<IFeedbackStore>(new AbsentFeedback(feedback));
            services.AddSingleton<IOnlineObservations>(new AbsentOnlineObservations());
            services.AddSingleton<IPairedObservations>(new AbsentPairedObservations());
        }
    }

    private sealed class AbsentTracking(string path) : IRunSource, IRetrainHistory, IBaselineSource, IDriftReferenceStore
    {
        public Task<DriftReferenceInfo?> FindInfoAsync(string runId, CancellationToken cancellationToken) => Task.FromResult<DriftReferenceInfo?>(null);

        public Task RecordAsync(DriftReferenceInfo info, ClassDistribution distribution, ReferenceFeatures features, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"a dry run writes nothing, and the local tracking store {path} does not exist");

        public Task<ClassDistribution?> FindAsync(string runId, CancellationToken cancellationToken) => Task.FromResult<ClassDistribution?>(null);

        public Task<BaselineMetrics?> FindMetricsAsync(string runId, CancellationToken cancellationToken) => Task.FromResult<BaselineMetrics?>(null);

        public Task<ReferenceFeatures?> FindReferenceAsync(string runId, CancellationToken cancellationToken) => Task.FromResult<ReferenceFeatures?>(null);

        public Task<RunLookup> FindMonitoredRunAsync(TrackingTarget target, CancellationToken cancellationToken) =>
            Task.FromResult(RunLookup.Missing(
                $"the local tracking store {path} does not exist yet, so model '{target.RegisteredModel}' has no version with alias '{target.ChampionAlias}'; " +
                "train and register a first model (sentinel-retrain), or set MLFLOW_TRACKING_URI to read an MLflow server"));

        public Task<DateTimeOffset?> GetLastRetrainStartAsync(string experiment, DateTimeOffset abandonedBefore, CancellationToken cancellationToken) =>
            Task.FromResult<DateTimeOffset?>(null);
    }

    private sealed class AbsentFeedback(string path) : IFeedbackStore
    {
        public Task InsertManyAsync(IReadOnlyCollection<FeedbackRecord> records, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"a dry run writes nothing, and {path} does not exist");

        public Task<FeedbackStatistics> GetStatisticsAsync(FeedbackWindow window, CancellationToken cancellationToken) =>
            Task.FromResult(FeedbackStatistics.Empty);

        public Task<IReadOnlyList<FeedbackRecord>> GetRecentLabelledAsync(string specialistType, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FeedbackRecord>>([]);
    }
}
