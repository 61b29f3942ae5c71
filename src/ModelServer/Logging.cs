namespace Sentinel.ModelServer;

/// <summary>The model server's log events (never a user's text, never credentials).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Serving {Specialist} model {ModelName} version {ModelVersion} ({Origin}, sha256 {Sha256}); previous {PreviousVersion}")]
    public static partial void ModelServing(ILogger logger, string specialist, string modelName, string modelVersion, string origin, string sha256, string previousVersion);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Refused {Specialist} model {Candidate}: {Reason}. The current model ({CurrentVersion}) stays")]
    public static partial void ModelRefused(ILogger logger, string specialist, string candidate, string reason, string currentVersion);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Could not look for a new {Specialist} model in {Source}: {Reason}. Retrying at the next poll; the current model ({CurrentVersion}) stays")]
    public static partial void SourceUnavailable(ILogger logger, string specialist, string source, string reason, string currentVersion);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "No {Specialist} model to serve yet in {Source}; /health/ready stays unready until one is registered")]
    public static partial void NoModelYet(ILogger logger, string specialist, string source);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Model {ModelVersion} drained and disposed")]
    public static partial void ModelDrained(ILogger logger, string modelVersion);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "A cached copy of {Candidate} failed its hash check and was deleted; downloading it again")]
    public static partial void CacheDamaged(ILogger logger, string candidate);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Prediction texts of {Specialist}: {TextRetention} (PREDICTION_TEXT_RETENTION)")]
    public static partial void TextRetentionInEffect(ILogger logger, string specialist, string textRetention);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "LOG_PREDICTION_TEXT is deprecated; set PREDICTION_TEXT_RETENTION ({TextRetention} now) and unset LOG_PREDICTION_TEXT")]
    public static partial void LogPredictionTextDeprecated(ILogger logger, string textRetention);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Prediction log queue is full ({Capacity}); dropping predictions until the writer catches up")]
    public static partial void QueueFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "Could not write {Count} predictions of {Specialist} to the prediction log: {Reason}")]
    public static partial void LogWriteFailed(ILogger logger, int count, string specialist, string reason);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Error, Message = "Could not store feedback on prediction {PredictionId}: {Reason}")]
    public static partial void FeedbackWriteFailed(ILogger logger, string predictionId, string reason);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information,
        Message = "{Specialist} challenger {ModelName} version {ModelVersion} loaded beside champion {ChampionVersion} in {Mode} (canary share {CanaryShare}, shadow share {ShadowShare}); previous challenger {PreviousVersion}")]
    public static partial void ChallengerServing(ILogger logger, string specialist, string modelName, string modelVersion, string mode, double canaryShare, double shadowShare, string championVersion, string previousVersion);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Error, Message = "Refused {Specialist} challenger {Candidate}: {Reason}. No challenger is held")]
    public static partial void ChallengerRefused(ILogger logger, string specialist, string candidate, string reason);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Warning, Message = "Could not look for a {Specialist} challenger in {Source}: {Reason}. Retrying at the next poll; the current challenger ({CurrentVersion}) stays")]
    public static partial void ChallengerSourceUnavailable(ILogger logger, string specialist, string source, string reason, string currentVersion);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Information, Message = "{Specialist} challenger version {ModelVersion} unloaded: {Reason}")]
    public static partial void ChallengerUnloaded(ILogger logger, string specialist, string modelVersion, string reason);

    [LoggerMessage(EventId = 5034, Level = LogLevel.Warning, Message = "{Specialist} challenger {Candidate} has rollout tags that cannot be used as written: {Problems}")]
    public static partial void ChallengerTagsIgnored(ILogger logger, string specialist, string candidate, string problems);

    [LoggerMessage(EventId = 5035, Level = LogLevel.Information, Message = "{Specialist} challenger version {ModelVersion} now in {Mode} (canary share {CanaryShare}, shadow share {ShadowShare})")]
    public static partial void ChallengerPlanChanged(ILogger logger, string specialist, string modelVersion, string mode, double canaryShare, double shadowShare);

    [LoggerMessage(EventId = 5036, Level = LogLevel.Warning, Message = "Off-path scoring queue is full ({Capacity}); dropping {Role} scores until it catches up")]
    public static partial void ShadowQueueFull(ILogger logger, int capacity, string role);

    [LoggerMessage(EventId = 5037, Level = LogLevel.Warning, Message = "{Specialist} model version {ModelVersion} failed as {Role}: {Reason}; the caller got the champion's answer")]
    public static partial void ChallengerFailed(ILogger logger, string specialist, string modelVersion, string role, string reason);
}
