using Sentinel.Core.Classification;
using Sentinel.Core.Retraining;

namespace Sentinel.Core.Tests.Retraining;

public sealed class RetrainTextSummaryTests
{
    private static readonly RetrainDecision Forced = new(RetrainTrigger.Forced, null, "forced with --force");

    private static RetrainResult Result(string? champion) => new()
    {
        SpecialistType = "sentiment", Status = RetrainState.Succeeded, Decision = Forced, RunId = "r1", RegisteredModel = "sentiment-specialist",
        ModelVersion = "2", ChampionVersion = champion, ChampionKnown = true, Promoted = false, PromotionReason = "not yet known",
        Split = new SplitSummary(800, 200, 180, 600, 400, 20, 0, ChampionTrainingKnown: false),
        Comparisons = champion is null ? [] : [new SetComparison(SetComparison.Evaluation, new PairedResult(180, 0.81, 0.80, -0.01, 0.03, 12, 10, 0.41, 0.74))],
    };

    [Fact]
    public void Split_WithAChampion_SaysHowManyRowsWereComparedAndWhatWasLeftOut()
    {
        var text = RetrainTextSummary.Render([Result("1")]);

        Assert.Contains("Split: 800 training rows, 200 evaluation rows no model trained on, 180 compared with the champion", text, StringComparison.Ordinal);
        Assert.Contains("20 left out as near the champion's training rows; the champion's training rows are unknown", text, StringComparison.Ordinal);
        Assert.Contains("evaluation: F1 0.810 vs 0.800 on 180 rows, +0.010 [95 % CI -0.010, +0.030], McNemar p = 0.41", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_WithoutAChampion_ClaimsNoComparison()
    {
        var text = RetrainTextSummary.Render([Result(null)]);

        Assert.Contains("Split: 800 training rows, 200 evaluation rows no model trained on (600 groups", text, StringComparison.Ordinal);
        Assert.DoesNotContain("compared", text, StringComparison.Ordinal);
    }
}
