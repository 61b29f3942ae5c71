using System.Globalization;
using System.Text;
using Sentinel.Core.Reports;

namespace Sentinel.Core.Retraining;

/// <summary>Renders retrain results for people (<c>--output-format text</c>). Numbers use the invariant culture; lines end with <c>\n</c>.</summary>
public static class RetrainTextSummary
{
    public static string Render(IEnumerable<RetrainResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var w = new StringBuilder();
        foreach (var result in results) Write(w, result);
        return w.ToString();
    }

    private static void Write(StringBuilder w, RetrainResult r)
    {
        Line(w, TextReport.Rule);
        Line(w, $"AUTO-RETRAIN - {r.SpecialistType}");
        Line(w, TextReport.Rule);
        Line(w);
        Line(w, $"Status: {StatusText(r)}");
        var decision = r.Decision.Trigger is { } t ? $"retrain ({RetrainPolicy.Name(t)})" : $"skip ({RetrainPolicy.Name(r.Decision.Skip!.Value)})";
        Line(w, $"Decision: {decision} - {r.Decision.Reason}");
        if (r.Decision.Online is { } online) Line(w, $"Online triggers: {online}");
        if (r.RunId is { } run) Line(w, $"MLflow run: {run} (experiment {r.Experiment})");
        if (r.ModelVersion is { } version)
        {
            var before = r.ChampionVersion is { } c ? $"v{c}" + (r.Promoted ? ", now previous-champion" : ", still champion") : r.ChampionKnown ? "none" : "unknown";
            Line(w, $"Registered: {r.RegisteredModel} v{version} (champion before: {before})");
        }
        if (r.ChallengerVersion is { } live)
            Line(w, $"Live traffic: v{live} is the {r.RolloutMode} challenger; the monitor promotes or retires it on paired live evidence"
                + (r.ReplacedChallenger is { } old ? $" (replaces challenger v{old}, retired)" : ""));
        if (r.Challenger is { } challenger) Line(w, $"Challenger: {Metrics(challenger)}");
        if (r.Champion is { } champion) Line(w, $"Champion (comparison rows): {Metrics(champion)}");
        if (r.Split is { } s)
            Line(w, r.ChampionVersion is null
                ? Invariant($"Split: {s.TrainingRows} training rows, {s.EvaluationRows} evaluation rows no model trained on ({s.Groups} groups, {s.NearDuplicateRows} near-duplicates kept together)")
                : Invariant($"Split: {s.TrainingRows} training rows, {s.EvaluationRows} evaluation rows no model trained on, {s.ComparisonRows} compared with the champion ({s.Groups} groups, {s.NearDuplicateRows} near-duplicates kept together, {s.ExcludedNearChampionTraining} left out as near the champion's training rows{(s.ChampionTrainingKnown ? "" : "; the champion's training rows are unknown")})"));
        foreach (var c in r.Comparisons) Line(w, $"  {c.Describe()}");
        if (r.PromotionReason is { } reason) Line(w, $"Promotion: {(r.Forced ? "FORCED - " : "")}{reason}");
        if (r.Status is RetrainState.Succeeded or RetrainState.Failed)
        {
            var rows = r.TrainingSet?.Describe() ?? Invariant($"{r.SyntheticRows} synthetic + {r.FeedbackRows} feedback rows");
            Line(w, $"Dataset: {rows}{(r.DatasetPath is { } p ? $" (generated rows: {p})" : "")}");
            if (r.TrainingSet?.Warning is { } warning) Line(w, $"WARNING: {warning}");
        }
        if (r.LlmUsage is { } llm)
        {
            Line(w, $"LLM: {llm.Describe()}");
            if (llm.BudgetStopped is { } budget) Line(w, $"BUDGET STOPPED GENERATION ({budget}): {llm.BudgetMessage}");
        }
        if (r.ExpiredDatasets.Count > 0)
            Line(w, Invariant($"Expired datasets: deleted {r.ExpiredDatasets.Count} generated dataset(s) older than {DatasetRetention.MaxAge.TotalDays:0} days: {string.Join(", ", r.ExpiredDatasets)}"));
        if (r.CleanupWarning is { } cleanup) Line(w, $"WARNING: {cleanup}");
        if (r.SpendWarning is { } unrecorded) Line(w, $"WARNING: {unrecorded}");
        if (r.FailedStep is { } step)
        {
            Line(w, $"Failed step: {step}: {r.Error}");
            if (r.RegistryWarning is { } warning) Line(w, $"Registry: {warning}");
            Line(w, RetrainNotifications.RunState(r));
            Line(w, "What to do:");
            foreach (var action in RetrainNotifications.ActionsFor(step)) Line(w, $"  - {action}");
        }
        if (r.Plan.Count > 0)
        {
            Line(w, "Plan (dry run, nothing was written):");
            for (var i = 0; i < r.Plan.Count; i++) Line(w, Invariant($"  {i + 1}. {r.Plan[i]}"));
        }
        if (r.Status is RetrainState.Succeeded or RetrainState.Failed) Line(w, Invariant($"Duration: {r.Duration.TotalSeconds:0.0} s"));
        Line(w);
    }

    private static string StatusText(RetrainResult r) => r.Status switch
    {
        RetrainState.Succeeded when r.Promoted => "✅ PROMOTED",
        RetrainState.Succeeded when r.ChallengerVersion is not null => "🧪 CHALLENGER ON LIVE TRAFFIC",
        RetrainState.Succeeded => "➖ NOT PROMOTED",
        RetrainState.Failed => "❌ FAILED",
        RetrainState.Planned => "📝 PLANNED (dry run)",
        _ => "⏭ SKIPPED",
    };

    private static string Metrics(ModelMetrics m) =>
        Invariant($"F1 {m.F1Score:0.000}, precision {m.Precision:0.000}, recall {m.Recall:0.000}, accuracy {m.Accuracy:0.000}");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder w, string text = "") => w.Append(text).Append('\n');
}
