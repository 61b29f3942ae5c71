using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sentinel.Core.Retraining;

/// <summary>
/// Renders retrain results as JSON (<c>--output-format json</c>). Field names are snake_case, spelled here once; a
/// value Sentinel does not have is <c>null</c>, never 0.
/// </summary>
public static class RetrainJsonSummary
{
    /// <summary>Raised when a field is renamed or removed, or its meaning changes; adding a field keeps it.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(IEnumerable<RetrainResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", SchemaVersion);
            w.WriteStartArray("results");
            foreach (var result in results) Write(w, result);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, RetrainResult r)
    {
        w.WriteStartObject();
        w.WriteString("specialist_type", r.SpecialistType);
        w.WriteString("status", r.Status.ToString().ToLowerInvariant());
        w.WriteStartObject("decision");
        w.WriteBoolean("retrain", r.Decision.Retrain);
        String(w, "trigger", r.Decision.Trigger is { } t ? RetrainPolicy.Name(t) : null);
        String(w, "skip", r.Decision.Skip is { } s ? RetrainPolicy.Name(s) : null);
        w.WriteString("reason", r.Decision.Reason);
        if (r.Decision.Online is { } online)
        {
            w.WriteStartObject("online_triggers");
            w.WriteString("state", online.StateName);
            w.WriteString("reason", online.Reason);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("online_triggers");
        }
        w.WriteEndObject();
        String(w, "run_id", r.RunId);
        String(w, "experiment", r.Experiment);
        String(w, "registered_model", r.RegisteredModel);
        String(w, "model_version", r.ModelVersion);
        String(w, "champion_version", r.ChampionVersion);
        w.WriteBoolean("promoted", r.Promoted);
        String(w, "challenger_version", r.ChallengerVersion);
        String(w, "rollout_mode", r.RolloutMode);
        String(w, "replaced_challenger", r.ReplacedChallenger);
        w.WriteBoolean("forced", r.Forced);
        if (r.Improved is { } improved) w.WriteBoolean("improved", improved); else w.WriteNull("improved");
        String(w, "promotion_reason", r.PromotionReason);
        Metrics(w, "challenger", r.Challenger);
        Metrics(w, "champion", r.Champion);
        w.WriteStartArray("comparisons");
        foreach (var c in r.Comparisons)
        {
            w.WriteStartObject();
            w.WriteString("set", c.Set);
            w.WriteNumber("rows", c.Rows);
            w.WriteNumber("challenger_f1_score", c.ChallengerF1);
            w.WriteNumber("champion_f1_score", c.ChampionF1);
            w.WriteNumber("delta", c.Delta);
            w.WriteNumber("delta_low", c.Paired.DeltaLow);
            w.WriteNumber("delta_high", c.Paired.DeltaHigh);
            w.WriteNumber("challenger_only_right", c.Paired.ChallengerOnlyRight);
            w.WriteNumber("champion_only_right", c.Paired.ChampionOnlyRight);
            w.WriteNumber("p_value", c.Paired.PValueBetter);
            w.WriteNumber("p_value_worse", c.Paired.PValueWorse);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (r.Split is { } split)
        {
            w.WriteStartObject("split");
            w.WriteNumber("training_rows", split.TrainingRows);
            w.WriteNumber("evaluation_rows", split.EvaluationRows);
            w.WriteNumber("comparison_rows", split.ComparisonRows);
            w.WriteNumber("groups", split.Groups);
            w.WriteNumber("near_duplicate_rows", split.NearDuplicateRows);
            w.WriteNumber("excluded_near_champion_training", split.ExcludedNearChampionTraining);
            w.WriteNumber("moved_to_training", split.MovedToTraining);
            w.WriteBoolean("champion_training_known", split.ChampionTrainingKnown);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("split");
        }
        w.WriteStartObject("dataset");
        w.WriteNumber("synthetic_rows", r.SyntheticRows);
        w.WriteNumber("feedback_rows", r.FeedbackRows);
        String(w, "path", r.DatasetPath);
        if (r.TrainingSet is { } set)
        {
            w.WriteNumber("previous_rows", set.PreviousRows);
            String(w, "previous_run_id", set.PreviousRunId);
            w.WriteBoolean("generated", set.Generated);
            w.WriteNumber("relabelled_rows", set.RelabelledRows);
            w.WriteNumber("feedback_already_known", set.FeedbackAlreadyKnown);
            w.WriteNumber("feedback_without_text", set.FeedbackWithoutText);
            w.WriteNumber("feedback_unknown_label", set.FeedbackUnknownLabel);
            w.WriteNumber("rating_only_feedback", set.RatingOnlyFeedback);
            w.WriteNumber("capped_synthetic_rows", set.CappedSyntheticRows);
            String(w, "warning", set.Warning);
        }
        w.WriteEndObject();
        Llm(w, r.LlmUsage);
        String(w, "failed_step", r.FailedStep);
        String(w, "error", r.Error);
        String(w, "failed_dependency", r.FailedDependency);
        if (r.RunMarkedFailed is { } marked) w.WriteBoolean("run_marked_failed", marked); else w.WriteNull("run_marked_failed");
        String(w, "registry_warning", r.RegistryWarning);
        w.WriteStartArray("expired_datasets");
        foreach (var expired in r.ExpiredDatasets) w.WriteStringValue(expired);
        w.WriteEndArray();
        String(w, "cleanup_warning", r.CleanupWarning);
        String(w, "spend_warning", r.SpendWarning);
        w.WriteStartArray("plan");
        foreach (var step in r.Plan) w.WriteStringValue(step);
        w.WriteEndArray();
        w.WriteNumber("duration_seconds", Math.Round(r.Duration.TotalSeconds, 3));
        w.WriteEndObject();
    }

    /// <summary><c>llm</c>: null when the retrain generated nothing; unknown tokens and costs are null, never 0.</summary>
    private static void Llm(Utf8JsonWriter w, LlmUsage? u)
    {
        if (u is null) { w.WriteNull("llm"); return; }
        w.WriteStartObject("llm");
        w.WriteString("provider", u.Provider);
        w.WriteString("model", u.Model);
        w.WriteBoolean("offline", u.Offline);
        w.WriteNumber("calls", u.Calls);
        w.WriteNumber("failed_calls", u.FailedCalls);
        w.WriteNumber("retries", u.Retries);
        Number(w, "input_tokens", u.InputTokens);
        Number(w, "output_tokens", u.OutputTokens);
        w.WriteBoolean("tokens_known", u.TokensKnown);
        w.WriteNumber("generation_seconds", Math.Round(u.Duration.TotalSeconds, 3));
        if (u.CostUsd is { } cost) w.WriteNumber("cost_estimated_usd", Math.Round(cost, 6)); else w.WriteNull("cost_estimated_usd");
        String(w, "cost_unknown_reason", u.CostUnknownReason);
        String(w, "budget_stopped", u.BudgetStopped);
        String(w, "budget_message", u.BudgetMessage);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static void Metrics(Utf8JsonWriter w, string name, ModelMetrics? m)
    {
        if (m is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteNumber("precision", m.Precision);
        w.WriteNumber("recall", m.Recall);
        w.WriteNumber("f1_score", m.F1Score);
        w.WriteNumber("accuracy", m.Accuracy);
        w.WriteEndObject();
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}
