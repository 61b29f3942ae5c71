using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class ConditionSetTests
{
    private static readonly DateTimeOffset Earlier = TestData.Now.AddHours(-3);

    private static List<Condition> Previous(string status) =>
        [new Condition { Type = "Ready", Status = status, Reason = "Reconciled", Message = "old", ObservedGeneration = 1, LastTransitionTime = Earlier }];

    [Theory]
    [InlineData("True", "True", false)]
    [InlineData("False", "True", true)]
    [InlineData("Unknown", "False", true)]
    public void Apply_TransitionTimeChangesOnlyWhenStatusChanges(string before, string after, bool transitions)
    {
        var result = ConditionSet.Apply(Previous(before), [new ConditionState("Ready", after, "Reconciled", "new message")], 2, TestData.Now);

        var c = Assert.Single(result);
        Assert.Equal(transitions ? TestData.Now : Earlier, c.LastTransitionTime);
        Assert.Equal(("new message", 2L), (c.Message, c.ObservedGeneration));
    }

    [Fact]
    public void Apply_OtherTypes_AreKeptAndNewTypesAppended()
    {
        var previous = new List<Condition> { new() { Type = "External", Status = "True", Reason = "Set", LastTransitionTime = Earlier } };
        var result = ConditionSet.Apply(previous, [new ConditionState("Ready", "True", "Reconciled", "")], 1, TestData.Now);
        Assert.Equal(["External", "Ready"], result.Select(c => c.Type));
    }

    [Fact]
    public void Apply_NowWithFraction_IsTruncatedToSeconds()
    {
        var result = ConditionSet.Apply(null, [new ConditionState("Ready", "True", "Reconciled", "")], 1, TestData.Now.AddMilliseconds(750));
        Assert.Equal(TestData.Now, result[0].LastTransitionTime);
    }

    [Fact]
    public void Same_DifferentMessage_IsNotSame()
    {
        var a = ConditionSet.Apply(null, [new ConditionState("Ready", "True", "Reconciled", "a")], 1, TestData.Now);
        var b = ConditionSet.Apply(null, [new ConditionState("Ready", "True", "Reconciled", "b")], 1, TestData.Now);
        Assert.True(ConditionSet.Same(a, ConditionSet.Apply(a, [new ConditionState("Ready", "True", "Reconciled", "a")], 1, TestData.Now.AddHours(1))));
        Assert.False(ConditionSet.Same(a, b));
    }
}
