using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests.Retraining;

public sealed class AbandonedRetrainTests
{
    public static TheoryData<string, int, int, double> Cases => new()
    {
        // name, dataset generation timeout s, training timeout s, expected bound in hours
        { "seed defaults: 30 min + 1 h + 1 h margin", 1800, 3600, 2.5 },
        { "short timeouts still get the whole margin", 60, 60, 1 + 2.0 / 60 },
        { "long training", 1800, 6 * 3600, 7.5 },
        { "slow dataset generation", 4 * 3600, 3600, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AbandonedAfter_Table_IsBothTimeoutsPlusTheMargin(string name, int datasetSeconds, int trainingSeconds, double expectedHours)
    {
        var retraining = Retraining(TimeSpan.FromSeconds(datasetSeconds), TimeSpan.FromSeconds(trainingSeconds));

        var bound = RetrainPolicy.AbandonedAfter(retraining);

        Assert.True(TimeSpan.FromHours(expectedHours) == bound, $"{name}: {bound}, expected {TimeSpan.FromHours(expectedHours)}");
    }

    private static ResolvedRetraining Retraining(TimeSpan datasetTimeout, TimeSpan trainingTimeout) => new()
    {
        Enabled = true,
        Cooldown = TimeSpan.FromHours(24),
        DatasetGeneration = new ResolvedDatasetGeneration
        {
            Provider = "openai", Model = "gpt-4o-mini", Samples = 100, Temperature = 0.7, Timeout = datasetTimeout,
        },
        FeedbackSamples = 0,
        TrainingTimeout = trainingTimeout,
        MinAbsoluteImprovement = 0.01,
        MinRelativeImprovement = 0.02,
        TransitionStage = false,
    };
}
