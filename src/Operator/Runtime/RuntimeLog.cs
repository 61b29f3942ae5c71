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
}
