using Microsoft.Extensions.Logging;

namespace Sentinel.Adapters.Mlflow;

internal static partial class MlflowLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "MLflow {Operation} attempt {Attempt} failed ({Cause}); retrying in {DelayMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string cause, long delayMilliseconds);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "MLflow {Operation} gave up: {Cause}")]
    public static partial void Unavailable(ILogger logger, string operation, string cause);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "MLflow {Operation} answered {StatusCode} {ErrorCode}")]
    public static partial void Refused(ILogger logger, string operation, int statusCode, string errorCode);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Registered model {RegisteredModel}: {Step}; looking further")]
    public static partial void MonitoredRunFallback(ILogger logger, string registeredModel, string step);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Monitored run of {RegisteredModel} is {RunId} (selected by {Selection})")]
    public static partial void MonitoredRunFound(ILogger logger, string registeredModel, string runId, Sentinel.Core.Tracking.RunSelection selection);
}
