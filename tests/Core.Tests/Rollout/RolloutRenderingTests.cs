using System.Text.Json;
using Sentinel.Core.Reports;
using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;
using Samples = Sentinel.Testing.Reports.SampleReports;

namespace Sentinel.Core.Tests.Rollout;

public sealed class RolloutRenderingTests
{
    [Fact]
    public void Json_Promoted_HasTheDocumentedRolloutFields()
    {
        using var doc = JsonDocument.Parse(JsonReport.Render(Samples.WithRollout()));
        var rollout = doc.RootElement.GetProperty("reports")[0].GetProperty("rollout");

        Assert.Equal(["mode", "challenger_version", "champion_version", "since", "until", "comparison", "decision"], Names(rollout));
        Assert.Equal(
            ["paired_labels", "min_paired_labels", "champion_predictions", "challenger_predictions", "champion_accuracy", "challenger_accuracy",
             "champion_macro_f1", "challenger_macro_f1", "champion_only_correct", "challenger_only_correct", "p_value", "significance_level", "verdict", "reason"],
            Names(rollout.GetProperty("comparison")));
        Assert.Equal("better", rollout.GetProperty("comparison").GetProperty("verdict").GetString());
        var decision = rollout.GetProperty("decision");
        Assert.Equal("Promoted", decision.GetProperty("action").GetString());
        Assert.True(decision.GetProperty("applied").GetBoolean());
        Assert.Equal("4", decision.GetProperty("champion_version_after").GetString());
    }

    [Fact]
    public void Json_NoChallenger_RolloutIsNull()
    {
        using var doc = JsonDocument.Parse(JsonReport.Render(Samples.Healthy()));

        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("reports")[0].GetProperty("rollout").ValueKind);
    }

    [Fact]
    public void Text_Observed_SaysNothingWasChanged()
    {
        var text = TextReport.Render(Samples.WithRollout(observed: true));

        Assert.Contains("Challenger Rollout:\n", text, StringComparison.Ordinal);
        Assert.Contains("  - Paired Labels: 200 of 200 needed to promote", text, StringComparison.Ordinal);
        Assert.Contains("  - Decision: WouldPromote (observe mode: nothing was changed)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_Promoted_RecordsTheDecisionWithTheNewChampion()
    {
        var status = EvaluationStatusMapper.ToStatus(Samples.WithRollout()).Rollout!;

        Assert.Equal(("shadow", "4", "3"), (status.Mode, status.ChallengerVersion, status.ChampionVersion));
        Assert.Equal(200, status.Comparison!.PairedLabels);
        Assert.Equal("better", status.Comparison.Verdict);
        Assert.Equal((RolloutActions.Promoted, "4", "4", false), (status.Decision!.Action, status.Decision.Version, status.Decision.ChampionVersion, status.Decision.Observed));
    }

    [Fact]
    public void Status_PromotionThatFailedAndWasUndone_ClaimsNoDecisionAndSaysWhatHappened()
    {
        var report = Samples.WithRollout();
        report = report with
        {
            Rollout = report.Rollout! with { Outcome = new RolloutOutcome(false, report.Timestamp, "promotion of version 4 failed, and the registry is as it was: 503") },
        };

        var status = EvaluationStatusMapper.ToStatus(report);

        Assert.Null(status.Rollout!.Decision);
        Assert.Contains("rollout: promotion of version 4 failed, and the registry is as it was: 503", status.Reasons!);
    }

    [Fact]
    public void Status_Observed_IsWouldPromoteWithTheChampionUnchanged()
    {
        var decision = EvaluationStatusMapper.ToStatus(Samples.WithRollout(observed: true)).Rollout!.Decision!;

        Assert.Equal((RolloutActions.WouldPromote, true, "3"), (decision.Action, decision.Observed, decision.ChampionVersion));
    }

    private static string[] Names(JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name)];
}
