using Sentinel.Core.Rollout;
using Sentinel.ModelServer.Rollout;

namespace Sentinel.ModelServer.Tests.Rollout;

public sealed class RolloutRouterTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void ChallengerAnswers_TenThousandRandomDecisions_ShareWithinTolerance(double share)
    {
        var router = new RolloutRouter(new Random(20261203));

        var challenger = Enumerable.Range(0, 10_000).Count(_ => router.ChallengerAnswers(null, share));

        // Binomial standard deviation at 10,000 draws is at most 50; 4 of them is 200.
        Assert.InRange(challenger, 10_000 * share - 200, 10_000 * share + 200);
    }

    [Fact]
    public void ChallengerAnswers_TenThousandKeys_ShareWithinTolerance()
    {
        var router = new RolloutRouter(new Random(1));

        var challenger = Enumerable.Range(0, 10_000).Count(i => router.ChallengerAnswers($"customer-{i}", 0.1));

        Assert.InRange(challenger, 800, 1_200);
    }

    [Fact]
    public void ChallengerAnswers_SameKey_AlwaysLandsOnOneModelWhateverTheRandomDraws()
    {
        var first = new RolloutRouter(new Random(1));
        var second = new RolloutRouter(new Random(2));

        for (var i = 0; i < 500; i++)
        {
            var key = $"customer-{i}";
            var decisions = Enumerable.Range(0, 20).Select(_ => first.ChallengerAnswers(key, 0.3)).Append(second.ChallengerAnswers(key, 0.3)).Distinct().ToList();
            Assert.Single(decisions);
        }
    }

    [Fact]
    public void KeyPosition_IsStableAcrossProcessesAndInTheUnitInterval()
    {
        Assert.Equal(RolloutRouter.KeyPosition("customer-42"), RolloutRouter.KeyPosition("customer-42"));
        Assert.All(Enumerable.Range(0, 1_000), i => Assert.InRange(RolloutRouter.KeyPosition($"k{i}"), 0.0, 0.9999999999));
        Assert.InRange(RolloutRouter.KeyPosition(new string('x', 5_000)), 0.0, 0.9999999999);
    }

    [Fact]
    public void ScoresOffPath_ZeroAndOne_AreNeverAndAlways()
    {
        var router = new RolloutRouter(new Random(3));

        Assert.DoesNotContain(Enumerable.Range(0, 1_000), _ => router.ScoresOffPath(0));
        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.True(router.ScoresOffPath(1)));
    }

    [Fact]
    public void Read_NoTags_IsShadowWithDefaultSharesAndSaysTheModeIsAbsent()
    {
        var (plan, problems) = RolloutPlan.Read(new Dictionary<string, string>());

        Assert.Equal(new RolloutPlan(RolloutMode.Shadow, 0.1, 1), plan);
        Assert.Contains(problems, p => p.Contains(RolloutTags.Mode, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_CanaryWithShares_UsesThem()
    {
        var (plan, problems) = RolloutPlan.Read(new Dictionary<string, string>
        {
            [RolloutTags.Mode] = "canary", [RolloutTags.CanaryShare] = "0.25", [RolloutTags.ShadowShare] = "0.5",
        });

        Assert.Equal(new RolloutPlan(RolloutMode.Canary, 0.25, 0.5), plan);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("blue", "0.2", "1", RolloutMode.Shadow, 0.2, 1.0)]
    [InlineData("canary", "1.5", "x", RolloutMode.Canary, 0.1, 1.0)]
    [InlineData("canary", "0,3", "-0.1", RolloutMode.Canary, 0.1, 1.0)]
    public void Read_InvalidTag_FallsBackToItsDefaultWithAProblem(string mode, string canary, string shadow, RolloutMode expectedMode, double expectedCanary, double expectedShadow)
    {
        var (plan, problems) = RolloutPlan.Read(new Dictionary<string, string>
        {
            [RolloutTags.Mode] = mode, [RolloutTags.CanaryShare] = canary, [RolloutTags.ShadowShare] = shadow,
        });

        Assert.Equal(new RolloutPlan(expectedMode, expectedCanary, expectedShadow), plan);
        Assert.NotEmpty(problems);
    }
}
