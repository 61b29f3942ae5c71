using System.Globalization;
using Microsoft.Extensions.Logging;
using Sentinel.Core.Errors;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>What the cleanup after a retrain deleted, and why it stopped early (null when it did not).</summary>
public sealed record ExpiredDatasets(IReadOnlyList<string> Deleted, string? Warning);

/// <summary>
/// Deletes generated datasets older than <see cref="DatasetRetention.MaxAge"/> after each successful retrain: the files
/// in the data directory, and the <c>dataset/generated/</c> directory of the experiment's runs that kept their generated
/// rows. Never the newest generated dataset (what <c>--skip-dataset-generation</c> reuses), and never a run's training or
/// evaluation set (<c>dataset/training.parquet</c>, <c>dataset/evaluation.parquet</c>: the lineage and the evaluation rows
/// of every version, champion included). A run whose rows were deleted is retagged
/// <c>sentinel.dataset.generated=expired</c> with <c>sentinel.dataset.expired_at</c>, so the MLflow UI says why the
/// directory is gone. Housekeeping: a failure is a warning in the result and the log, and the next retrain tries again.
/// </summary>
public sealed partial class DatasetExpiry(DatasetStore store, ITrackingStore tracking, TimeProvider time, ILogger<DatasetExpiry> logger)
{
    /// <summary>Runs cleaned per retrain: bounds the time one retrain spends on a long backlog; the rest wait for the next.</summary>
    public const int MaxRunsPerRetrain = 50;

    public async Task<ExpiredDatasets> ExpireAsync(ResolvedSpecialist specialist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var now = time.GetUtcNow();
        var deleted = new List<string>();
        try
        {
            foreach (var file in store.DeleteExpired(specialist.SpecialistType, now))
            {
                LogDeleted(logger, specialist.SpecialistType, file);
                deleted.Add(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Stopped(specialist, deleted, $"could not delete expired datasets in {store.DirectoryOf(specialist.SpecialistType)}: {e.Message}");
        }

        var run = "";
        try
        {
            var newest = await tracking.FindNewestRunTaggedAsync(specialist.Experiment, RetrainTags.DatasetGenerated, "true", cancellationToken);
            var expired = await tracking.FindRunsTaggedAsync(
                specialist.Experiment, RetrainTags.DatasetGenerated, "true", now - DatasetRetention.MaxAge, MaxRunsPerRetrain + 1, cancellationToken);
            foreach (var old in expired.Where(r => r.RunId != newest?.RunId).Take(MaxRunsPerRetrain))
            {
                run = old.RunId;
                await tracking.DeleteArtifactsAsync(old, DatasetStep.GeneratedDirectory, cancellationToken);
                // Retagged only once the rows are gone: the tag never says "expired" of rows that still exist. A retag
                // that fails leaves "true", and the next cleanup deletes the (already empty) directory again.
                await tracking.LogBatchAsync(old.RunId, [], new Dictionary<string, string>(), new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [RetrainTags.DatasetGenerated] = RetrainTags.DatasetGeneratedExpired,
                    [RetrainTags.DatasetExpiredAt] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                }, cancellationToken);
                var uri = $"runs:/{old.RunId}/{DatasetStep.GeneratedDirectory}";
                LogDeleted(logger, specialist.SpecialistType, uri);
                deleted.Add(uri);
            }
            return new ExpiredDatasets(deleted, null);
        }
        catch (Exception e) when (e is DependencyUnavailableException or TrackingException)
        {
            var where = run.Length == 0 ? $"experiment '{specialist.Experiment}'" : $"run {run}";
            return Stopped(specialist, deleted, $"could not delete expired generated datasets of {where}: {e.Message}; the next retrain tries again");
        }
    }

    private ExpiredDatasets Stopped(ResolvedSpecialist specialist, List<string> deleted, string warning)
    {
        LogCleanupFailed(logger, specialist.SpecialistType, warning);
        return new ExpiredDatasets(deleted, warning);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: deleted generated dataset {Path}, older than 90 days")]
    private static partial void LogDeleted(ILogger logger, string specialist, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: {Warning}")]
    private static partial void LogCleanupFailed(ILogger logger, string specialist, string warning);
}
