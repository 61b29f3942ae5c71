using Microsoft.Extensions.Logging;

namespace Sentinel.Adapters.Feedback.Mongo;

/// <summary>The MongoDB feedback store's log events. Servers are logged as host:port, never with credentials.</summary>
internal static partial class MongoFeedbackLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning,
        Message = "MongoDB {Operation} on {Servers} failed ({Error}); retry {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, string servers, string error, int attempt, double delayMs);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error,
        Message = "MongoDB circuit opened for {BreakSeconds} s after repeated failures on {Servers}")]
    public static partial void CircuitOpened(ILogger logger, string servers, double breakSeconds);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "MongoDB circuit closed: {Servers} answers again")]
    public static partial void CircuitClosed(ILogger logger, string servers);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "MongoDB feedback indexes ensured in {Database}.feedback")]
    public static partial void IndexesEnsured(ILogger logger, string database);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "MongoDB {Operation} on {Servers} failed: {Error}")]
    public static partial void Unavailable(ILogger logger, string operation, string servers, string error);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning,
        Message = "MongoDB insert into {Database}.feedback found {Count} documents already stored by an earlier attempt")]
    public static partial void DuplicatesIgnored(ILogger logger, int count, string database);
}
