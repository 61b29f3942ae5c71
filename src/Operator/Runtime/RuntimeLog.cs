using Microsoft.Extensions.Logging;

namespace Sentinel.Operator.Runtime;

internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Listed {Resource}: {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string resource, int count, string resourceVersion);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Watch of {Resource} expired at resourceVersion {ResourceVersion} (410 Gone); re-listing")]
    public static partial void WatchExpired(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Watch of {Resource} failed; reconnecting in {DelayMs} ms")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string resource, double delayMs);

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Reconciled {Controller} {Namespace}/{Name} in {ElapsedMs} ms")]
    public static partial void Reconciled(ILogger logger, string controller, string @namespace, string name, double elapsedMs);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Reconcile of {Controller} {Namespace}/{Name} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, string controller, string @namespace, string name, int attempt, double delayMs);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Reconcile of {Controller} {Namespace}/{Name} failed (attempt {Attempt}): the API server answered {Answer}; retrying in {DelayMs} ms")]
    public static partial void ReconcileRefused(ILogger logger, string controller, string @namespace, string name, int attempt, string answer, double delayMs);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Caches synced; starting {Workers} workers per controller")]
    public static partial void CachesSynced(ILogger logger, int workers);

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Leading as {Identity} (Lease {Namespace}/{Lease})")]
    public static partial void StartedLeading(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Lost leadership as {Identity}; stopping all controllers")]
    public static partial void StoppedLeading(ILogger logger, string identity);

    [LoggerMessage(EventId = 132, Level = LogLevel.Information, Message = "Leader is now {Leader}")]
    public static partial void NewLeader(ILogger logger, string leader);

    [LoggerMessage(EventId = 133, Level = LogLevel.Warning, Message = "Leader election error")]
    public static partial void LeaderElectionError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 134, Level = LogLevel.Warning, Message = "Leader election ended unexpectedly; standing by and trying again in {DelayMs} ms")]
    public static partial void LeaderElectionTermFailed(ILogger logger, Exception exception, double delayMs);

    [LoggerMessage(EventId = 135, Level = LogLevel.Warning, Message = "Cannot reach the API server for the Lease ({Error}: {Message}); a leader steps down at its renew deadline, a standby keeps trying")]
    public static partial void LeaseApiUnreachable(ILogger logger, string error, string message);

    [LoggerMessage(EventId = 136, Level = LogLevel.Debug, Message = "The API server is still unreachable for the Lease ({Error}: {Message})")]
    public static partial void LeaseApiStillUnreachable(ILogger logger, string error, string message);

    [LoggerMessage(EventId = 137, Level = LogLevel.Information, Message = "The API server answers again for the Lease")]
    public static partial void LeaseApiReachable(ILogger logger);

    [LoggerMessage(EventId = 138, Level = LogLevel.Information, Message = "Released the Lease {Namespace}/{Lease} held by {Identity}, so a standby can take over at once")]
    public static partial void LeaseReleased(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(EventId = 139, Level = LogLevel.Warning, Message = "Could not release the Lease held by {Identity} ({Reason}); it expires after its lease duration")]
    public static partial void LeaseNotReleased(ILogger logger, string identity, string reason);
}
