using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests.Rollout;

/// <summary>Paired aggregates built from counts: how many requests both got right, only one got right, neither got right.</summary>
internal static class RolloutSamples
{
    public static readonly string[] Labels = ["negative", "positive"];
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static PairedAggregates Pairs(long bothRight, long championOnly, long challengerOnly, long neitherRight = 0) => new()
    {
        Window = new PairedWindow("sentiment", "1", "2", Start, Start.AddDays(1)),
        Pairs =
        [
            new("positive", "positive", "positive", bothRight),
            new("positive", "positive", "negative", championOnly),
            new("negative", "positive", "negative", challengerOnly),
            new("negative", "positive", "positive", neitherRight),
        ],
        ChampionPredictions = 10 * (bothRight + championOnly + challengerOnly + neitherRight),
        ChallengerPredictions = 10 * (bothRight + championOnly + challengerOnly + neitherRight),
    };

    public static LivePairedResult Compare(PairedAggregates aggregates, int minPairedLabels = 200, double level = 0.05) =>
        LivePairedComparison.Compare(aggregates, Labels, minPairedLabels, level);

    public static ResolvedRetraining Spec(RetrainingMode mode = RetrainingMode.Auto, int maxDurationHours = 168) => new()
    {
        Enabled = mode != RetrainingMode.Off,
        Mode = mode,
        Cooldown = TimeSpan.FromHours(24),
        DatasetGeneration = new ResolvedDatasetGeneration
        {
            Provider = "openai", Model = "gpt-4o-mini", Samples = 100, Temperature = 0.7, Timeout = TimeSpan.FromMinutes(30),
        },
        FeedbackSamples = 0,
        TrainingTimeout = TimeSpan.FromHours(1),
        MinAbsoluteImprovement = 0.01,
        MinRelativeImprovement = 0.02,
        TransitionStage = false,
        Rollout = new ResolvedRollout { Mode = PromotionMode.Shadow, MaxDuration = TimeSpan.FromHours(maxDurationHours) },
    };
}
