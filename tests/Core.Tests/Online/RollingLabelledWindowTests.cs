using Sentinel.Core.Classification;
using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class RollingLabelledWindowTests
{
    private static readonly string[] Labels = ["negative", "neutral", "positive"];

    [Fact]
    public void Add_BeyondCapacity_KeepsOnlyTheNewestPairs()
    {
        var window = new RollingLabelledWindow(3, Labels);
        window.Add("negative", "negative");
        window.Add("negative", "positive");
        window.Add("neutral", "neutral");
        window.Add("positive", "positive");
        window.Add("positive", "neutral");

        var report = window.Report();

        // The window holds the last three: neutral→neutral, positive→positive, positive→neutral; accuracy 2/3.
        Assert.Equal(3, window.Count);
        Assert.Equal(2.0 / 3, report.Accuracy, 1e-15);
        Assert.Equal(0, report.PerClass[0].Support);
        Assert.Equal(2, report.PerClass[2].Support);
    }

    [Fact]
    public void Add_LongRandomStream_AlwaysMatchesRecomputingTheLastN()
    {
        var random = new Random(5);
        var window = new RollingLabelledWindow(250, Labels);
        var all = new List<(string, string)>();
        for (var i = 1; i <= 2000; i++)
        {
            var truth = Labels[random.Next(3)];
            var predicted = random.NextDouble() < 0.7 ? truth : Labels[random.Next(3)];
            window.Add(new LabelledPrediction(truth, predicted));
            all.Add((truth, predicted));
            if (i % 333 != 0 && i != 2000) continue;

            var expected = ClassificationMetrics.Compute(Labels, all.Skip(Math.Max(0, all.Count - 250)));
            ConfusionCountsTests.AssertSameReport(expected, window.Report());
        }
    }

    [Fact]
    public void Report_EmptyWindow_IsEmpty() => Assert.True(new RollingLabelledWindow(10, Labels).Report().IsEmpty);

    [Fact]
    public void Constructor_CapacityBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingLabelledWindow(0));
}
