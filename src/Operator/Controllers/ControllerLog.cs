using Microsoft.Extensions.Logging;

namespace Sentinel.Operator.Controllers;

internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "{Reason} for {Namespace}/{Name}: {Object}")]
    public static partial void OwnedChanged(ILogger logger, string reason, string @namespace, string name, string @object);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Specialist {Namespace}/{Name} is degraded; created RetrainRun {Run}")]
    public static partial void RetrainTriggered(ILogger logger, string @namespace, string name, string run);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Specialist {Namespace}/{Name} is degraded; would create RetrainRun {Run} (spec.retraining.mode: observe), created nothing")]
    public static partial void WouldRetrain(ILogger logger, string @namespace, string name, string run);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "RetrainRun {Namespace}/{Name} started Job {Job}")]
    public static partial void JobCreated(ILogger logger, string @namespace, string name, string job);

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "RetrainRun {Namespace}/{Name} is {Phase}")]
    public static partial void PhaseChanged(ILogger logger, string @namespace, string name, string phase);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "RetrainRun {Namespace}/{Name} cannot run: {Reason}")]
    public static partial void RunRejected(ILogger logger, string @namespace, string name, string reason);

    [LoggerMessage(EventId = 313, Level = LogLevel.Debug, Message = "RetrainRun {Namespace}/{Name} changed since version {ResourceVersion} was read; deciding again from the newer copy")]
    public static partial void StaleRunCopy(ILogger logger, string @namespace, string name, string? resourceVersion);

    [LoggerMessage(EventId = 314, Level = LogLevel.Information, Message = "RetrainRun {Namespace}/{Name} or its specialist is gone or being deleted; started no Job")]
    public static partial void JobNotCreated(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "Specialist {Namespace}/{Name} is gone or being deleted (its owned objects go with it); restored nothing")]
    public static partial void SpecialistGone(ILogger logger, string @namespace, string name);
}
