using Microsoft.Extensions.Logging;
using Sentinel.Core.Errors;
using Sentinel.Core.Retraining;

namespace Sentinel.Adapters.Kubernetes;

/// <summary>
/// Reports a retrain's progress on its RetrainRun (<c>SENTINEL_RETRAIN_RUN</c>): the fine-grained phase while it
/// works, then the MLflow run, the champion's and the challenger's metrics, whether it promoted and a message.
/// The terminal phase is the operator's, from the Job's outcome. A status that cannot be written is logged, and the
/// retrain goes on.
/// </summary>
public sealed partial class RetrainRunProgress(IRetrainRunStatusWriter writer, ClusterTarget target, ILogger<RetrainRunProgress> logger) : IRetrainProgress
{
    private string? _lastPhase;

    public static string? PhaseOf(string step) => step switch
    {
        RetrainSteps.Previous or RetrainSteps.Generate or RetrainSteps.Merge => RetrainPhase.GeneratingDataset,
        RetrainSteps.Split or RetrainSteps.Track or RetrainSteps.Train => RetrainPhase.Training,
        RetrainSteps.Evaluate or RetrainSteps.Promote => RetrainPhase.Evaluating,
        _ => null,
    };

    public async Task StepStartedAsync(string specialistType, string step, CancellationToken cancellationToken)
    {
        var phase = PhaseOf(step);
        if (phase is null || phase == _lastPhase) return;
        _lastPhase = phase;
        await WriteAsync(new RetrainRunStatus { Phase = phase }, cancellationToken);
    }

    public Task FinishedAsync(RetrainResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = new RetrainRunStatus
        {
            MlflowRunId = result.RunId,
            Baseline = Metrics(result.Champion, result.ChampionVersion),
            Candidate = Metrics(result.Challenger, result.ModelVersion),
            Promoted = result.Promoted,
            PromotedVersion = result.Promoted ? result.ModelVersion : null,
            ChallengerVersion = result.ChallengerVersion,
            Message = Bounded(result.Status == RetrainState.Succeeded
                ? (result.Forced ? "forced: " : "") + (result.ChallengerVersion is { } live ? $"set as the {result.RolloutMode} challenger (version {live}): " : "") + result.PromotionReason
                : $"failed at step {result.FailedStep}: {result.Error}" + (result.RegistryWarning is { } warning ? $"; {warning}" : "")),
            Trigger = result.Decision.Trigger is { } trigger ? RetrainPolicy.Name(trigger) : null,
            TriggerReason = Bounded(result.Decision.Reason),
            OnlineTriggers = result.Decision.Online is { } online ? Bounded(online.ToString()) : null,
        };
        return WriteAsync(status, cancellationToken);
    }

    private static RetrainMetrics? Metrics(ModelMetrics? metrics, string? version) => metrics is null ? null : new RetrainMetrics
    {
        ModelVersion = version,
        Precision = metrics.Precision,
        Recall = metrics.Recall,
        F1 = metrics.F1Score,
        Accuracy = metrics.Accuracy,
    };

    // The CRD bounds these strings at 4096 characters.
    private static string Bounded(string text) => text.Length <= 4096 ? text : text[..4093] + "...";

    private async Task WriteAsync(RetrainRunStatus status, CancellationToken cancellationToken)
    {
        var run = target.RetrainRun;
        if (run is null) return;
        try
        {
            if (!await writer.PatchRetrainRunStatusAsync(target.Namespace, run, status, cancellationToken))
                LogRunMissing(logger, target.Namespace, run);
        }
        catch (DependencyUnavailableException e)
        {
            LogNotWritten(logger, target.Namespace, run, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RetrainRun {Namespace}/{Name} no longer exists; its status is not updated")]
    private static partial void LogRunMissing(ILogger logger, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RetrainRun {Namespace}/{Name}: status not written ({Cause}); the retrain goes on")]
    private static partial void LogNotWritten(ILogger logger, string @namespace, string name, string cause);
}
