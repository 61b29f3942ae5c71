using System.Globalization;
using Sentinel.Core.Notifications;

namespace Sentinel.Core.Retraining;

/// <summary>Builds the retrain's notifications from a <see cref="RetrainResult"/> (pure, no I/O).</summary>
public static class RetrainNotifications
{
    /// <summary>Success: run id, versions, metrics, and whether the challenger improved and was promoted.</summary>
    public static Notification Succeeded(RetrainResult result, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Promoted
            ? $"version {result.ModelVersion} is the new champion"
            : result.ChallengerVersion is { } live
                ? $"version {live} passed the offline gate and is the {result.RolloutMode} challenger beside champion version {result.ChampionVersion}; it is promoted or retired on paired live evidence"
            : result.ChampionVersion is { } champion
                ? $"version {result.ModelVersion} was registered but not promoted; the champion stays version {champion}"
                : $"version {result.ModelVersion} was registered but not promoted; there is still no champion";
        return new Notification
        {
            Kind = NotificationKind.RetrainSucceeded,
            Severity = NotificationSeverity.Info,
            SpecialistType = result.SpecialistType,
            Title = $"{result.SpecialistType} retrained: {(result.Promoted ? "promoted" : result.ChallengerVersion is not null ? $"challenger ({result.RolloutMode})" : "not promoted")}",
            Summary = $"Retraining of {result.SpecialistType} ({result.Decision.Reason}) finished: {outcome}. {result.PromotionReason}",
            Timestamp = timestamp,
            Facts = Facts(result),
            Actions = result.Promoted
                ? ["The model server picks up the new champion on its next reload."]
                : result.ChallengerVersion is not null
                ? ["No action needed: the model server loads the challenger beside the champion on its next reload, and the monitor's paired comparison decides.",
                   "To promote it now, move the champion alias to it in the registry (and delete the challenger alias)."]
                : ["No action needed; the champion keeps serving.", "To promote anyway, rerun with --force-promote (recorded as forced) or move the alias in the registry by hand."],
        };
    }

    /// <summary>Failure: the step, the error and what to do. Nothing was promoted.</summary>
    public static Notification Failed(RetrainResult result, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(result);
        var step = result.FailedStep ?? "unknown";
        var registry = result.RegistryWarning is not null ? "The registry may not be as it was: check the champion alias before anything else."
            : result.Promoted ? $"Version {result.ModelVersion} was promoted before the failure and is the champion."
            : "Nothing was promoted; the champion keeps serving.";
        var actions = new List<string>();
        if (result.RegistryWarning is { } warning) actions.Add(warning);
        actions.AddRange(ActionsFor(step));
        actions.Add(RunState(result));
        return new Notification
        {
            Kind = NotificationKind.RetrainFailed,
            Severity = NotificationSeverity.Critical,
            SpecialistType = result.SpecialistType,
            Title = $"{result.SpecialistType} retrain failed at step {step}",
            Summary = $"Retraining of {result.SpecialistType} ({result.Decision.Reason}) failed at step '{step}': {result.Error}. {registry}",
            Timestamp = timestamp,
            Facts = Facts(result),
            Actions = actions,
        };
    }

    /// <summary>What to do when <paramref name="step"/> failed, one step per line.</summary>
    public static IReadOnlyList<string> ActionsFor(string step) => step switch
    {
        RetrainSteps.Generate =>
        [
            "Check the LLM provider (LLM_PROVIDER, LLM_MODEL, LLM_BASE_URL and its API key) and its quota.",
            "Raise DATASET_GENERATION_TIMEOUT or lower DATASET_NUM_SAMPLES if generation timed out.",
            "Or rerun with --skip-dataset-generation to train on the newest existing dataset.",
        ],
        RetrainSteps.Merge => ["Check the feedback store (MONGODB_URI) is reachable, then rerun the retrain."],
        RetrainSteps.Train =>
        [
            "Read the error: a timeout needs a larger spec.retraining.trainingTimeoutSeconds (TRAINING_TIMEOUT) or fewer samples.",
            "Too few rows for a label needs more examples in the spec, or more samples.",
        ],
        RetrainSteps.Track or RetrainSteps.Promote or RetrainSteps.Split =>
        [
            "Check the MLflow server (MLFLOW_TRACKING_URI) is reachable and accepts writes, then rerun the retrain.",
        ],
        RetrainSteps.Previous =>
        [
            "Check the MLflow server (MLFLOW_TRACKING_URI) is reachable and the champion's run artifacts (dataset/training.parquet, dataset/evaluation.parquet) can be downloaded.",
            "If the golden set (spec.retraining.promotion.goldenSet) cannot be read, fix its path, then rerun the retrain.",
        ],
        RetrainSteps.Evaluate =>
        [
            "Check the champion's artifacts (model/model.onnx and model/labels.json) can be downloaded from MLflow.",
            "Then rerun the retrain.",
        ],
        _ => ["Rerun with --verbose and read the log, then rerun the retrain."],
    };

    /// <summary>What became of the run, as far as Sentinel knows.</summary>
    public static string RunState(RetrainResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.RunId is not { } run ? "No MLflow run was created."
            : result.RunMarkedFailed == true ? $"The MLflow run {run} is marked FAILED (tag sentinel.failed_step)."
            : $"The MLflow run {run} could not be marked FAILED and may still show RUNNING; end it in the MLflow UI.";
    }

    private static List<NotificationFact> Facts(RetrainResult result)
    {
        var facts = new List<NotificationFact> { new("Trigger", result.Decision.Trigger is { } t ? RetrainPolicy.Name(t) : "none") };
        if (result.Decision.Online is { } online) facts.Add(new("Online triggers", online.ToString()));
        if (result.RunId is { } run) facts.Add(new("MLflow run", run));
        if (result.ModelVersion is { } version) facts.Add(new("Registered version", $"{result.RegisteredModel} v{version}"));
        facts.Add(new("Champion before", result.ChampionVersion is { } champion ? $"v{champion}" : result.ChampionKnown ? "none" : "unknown (not read before the failure)"));
        if (result.Challenger is { } c) facts.Add(new("Challenger F1 / precision / recall (evaluation set)", Metrics(c)));
        if (result.Champion is { } k) facts.Add(new("Champion F1 / precision / recall (comparison rows)", Metrics(k)));
        foreach (var comparison in result.Comparisons) facts.Add(new($"Compared on {comparison.Set}", comparison.Describe()));
        if (result.Split is { } s)
            facts.Add(new("Evaluation set", string.Create(CultureInfo.InvariantCulture,
                $"{s.EvaluationRows} rows no model trained on, {s.ComparisonRows} compared{(s.ChampionTrainingKnown ? "" : " (the champion's training rows are unknown)")}")));
        if (result.Forced) facts.Add(new("Forced", "yes: promoted with --force-promote against the promotion rule"));
        if (result.Improved is { } improved) facts.Add(new("Improved", improved ? "yes" : "no"));
        if (result.Status == RetrainState.Succeeded) facts.Add(new("Promoted", result.Promoted ? "yes" : "no"));
        facts.Add(new("Training rows", result.TrainingSet?.Describe() ?? string.Create(CultureInfo.InvariantCulture, $"{result.SyntheticRows} synthetic + {result.FeedbackRows} feedback")));
        if (result.TrainingSet?.Warning is { } warning) facts.Add(new("Feedback not used", warning));
        facts.Add(new("Duration", string.Create(CultureInfo.InvariantCulture, $"{result.Duration.TotalSeconds:0.0} s")));
        return facts;
    }

    private static string Metrics(ModelMetrics m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.F1Score:0.000} / {m.Precision:0.000} / {m.Recall:0.000}");
}
