using System.Globalization;
using Sentinel.Core.Notifications;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>The steps a retrain would run, one sentence each: what <c>--dry-run</c> prints (pure).</summary>
public static class PlanDescription
{
    public static IReadOnlyList<string> For(RetrainPlan plan, bool skipDatasetGeneration, string datasetDirectory, NotificationTarget target)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(target);
        var specialist = plan.Specialist;
        var r = specialist.Retraining;
        var g = r.DatasetGeneration;
        var champion = plan.Report?.Run is { SelectedBy: RunSelection.ChampionAlias or RunSelection.ProductionStage } run
            ? $"version {run.ModelVersion}"
            : plan.Report is null ? $"the version with alias '{specialist.ChampionAlias}', if any" : "none (the first model is promoted)";
        var promotion = r.MinAbsoluteImprovement > 0 || r.MinRelativeImprovement > 0
            ? string.Create(CultureInfo.InvariantCulture, $"by at least {r.MinAbsoluteImprovement:0.###} absolute and {r.MinRelativeImprovement:0.###%} relative")
            : "by any margin";
        var generation = skipDatasetGeneration
            ? $"reuse the newest dataset in {datasetDirectory}"
            : string.Create(CultureInfo.InvariantCulture, $"generate {g.Samples} samples with provider '{g.Provider}' model '{g.Model}' (timeout {g.Timeout}) into {datasetDirectory}");
        return
        [
            $"read the champion's training and evaluation sets from its run, and start from its training rows",
            g.Policy == Core.Specs.GenerationPolicy.Always ? generation : $"only if the champion has no training set to start from: {generation}",
            string.Create(CultureInfo.InvariantCulture,
                $"merge up to {r.FeedbackSamples} recent labelled feedback records (a user's label replaces an older one; rating-only records are skipped); keep generated rows at most {g.SyntheticCap.MaxShare:0.##%} of the training rows once {g.SyntheticCap.FromRealRows} are users' labels"),
            $"train the text classifier on {specialist.Labels.Count} labels ({string.Join(", ", specialist.Labels)}), timeout {r.TrainingTimeout}, and export it to ONNX",
            $"track a run in experiment '{specialist.Experiment}' and register a version of '{specialist.RegisteredModel}'",
            $"score the champion ({champion}) and the challenger on the same held-out rows" + (r.GoldenSet is { } golden ? $" and on the golden set {golden}" : ""),
            $"promote if the challenger's F1 is higher {promotion}: alias '{specialist.ChampionAlias}' moves, the old one becomes 'previous-champion'"
                + (r.TransitionStage ? ", stage Production" : ""),
            $"notify through {string.Join(", ", target.Channels)}",
        ];
    }
}
