using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;
using static Sentinel.Core.Tests.Rollout.RolloutSamples;

namespace Sentinel.Core.Tests.Rollout;

public sealed class RolloutJudgeTests
{
    private static readonly DateTimeOffset Now = Start.AddHours(30);

    [Fact]
    public void Decide_Better_Promotes()
    {
        var decision = RolloutJudge.Decide(Compare(Pairs(160, 5, 35)), Start, Now, Spec());

        Assert.Equal(RolloutMove.Promote, decision.Move);
        Assert.Equal(RolloutActions.Promoted, decision.Action);
        Assert.False(decision.Observed);
    }

    [Fact]
    public void Decide_Worse_Retires()
    {
        var decision = RolloutJudge.Decide(Compare(Pairs(10, 20, 2)), Start, Now, Spec());

        Assert.Equal(RolloutMove.Retire, decision.Move);
        Assert.Equal(RolloutActions.Retired, decision.Action);
        Assert.Contains("significantly worse", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NotYetKnownWithinTheMaximumDuration_KeepsTheChallenger()
    {
        var decision = RolloutJudge.Decide(Compare(Pairs(47, 5, 35)), Start, Now, Spec());

        Assert.Equal(RolloutMove.Keep, decision.Move);
        Assert.Null(decision.Action);
        Assert.Contains("87 of 200 paired labels", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("138 h from now", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NotYetKnownPastTheMaximumDuration_Retires()
    {
        var decision = RolloutJudge.Decide(Compare(Pairs(47, 5, 35)), Start, Start.AddHours(168), Spec());

        Assert.Equal(RolloutMove.Retire, decision.Move);
        Assert.Contains("no verdict 168 h after", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ObserveMode_DecidesTheSameAndMarksItObserved()
    {
        var promote = RolloutJudge.Decide(Compare(Pairs(160, 5, 35)), Start, Now, Spec(RetrainingMode.Observe));
        var retire = RolloutJudge.Decide(Compare(Pairs(10, 20, 2)), Start, Now, Spec(RetrainingMode.Observe));

        Assert.Equal((RolloutMove.Promote, true, RolloutActions.WouldPromote), (promote.Move, promote.Observed, promote.Action));
        Assert.Equal((RolloutMove.Retire, true, RolloutActions.WouldRetire), (retire.Move, retire.Observed, retire.Action));
    }

    [Fact]
    public void Decide_ModeOff_KeepsEvenABetterChallenger()
    {
        var decision = RolloutJudge.Decide(Compare(Pairs(160, 5, 35)), Start, Now, Spec(RetrainingMode.Off));

        Assert.Equal(RolloutMove.Keep, decision.Move);
        Assert.Contains("mode is off", decision.Reason, StringComparison.Ordinal);
    }
}
