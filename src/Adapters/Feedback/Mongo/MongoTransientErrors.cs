using MongoDB.Driver;
using Polly.Timeout;

namespace Sentinel.Adapters.Feedback.Mongo;

/// <summary>Which driver failures are worth retrying: the server could not be reached or did not answer in time.</summary>
internal static class MongoTransientErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        MongoAuthenticationException => false,
        MongoConnectionException => true,
        MongoNotPrimaryException or MongoNodeIsRecoveringException => true,
        MongoExecutionTimeoutException => true,
        TimeoutRejectedException => true,
        // Server selection timed out: no reachable server.
        TimeoutException => true,
        _ => false,
    };
}
