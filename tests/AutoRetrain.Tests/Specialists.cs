using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Tests;

internal static class Specialists
{
    public static readonly string[] Labels = ["positive", "negative", "neutral"];

    public static readonly (string Text, string Label)[] Examples =
    [
        ("I love this product, it works perfectly", "positive"),
        ("Great support team, they fixed it fast", "positive"),
        ("Absolutely wonderful experience from start to finish", "positive"),
        ("The update broke everything and nobody answers", "negative"),
        ("Terrible quality, it stopped working after a day", "negative"),
        ("I want a refund, this is a waste of money", "negative"),
        ("The package arrived on Tuesday as planned", "neutral"),
        ("It does what the description says", "neutral"),
        ("I have not decided yet whether to keep it", "neutral"),
    ];

    public static ResolvedSpecialist Sentiment(string provider = "offline", int samples = 60, TimeSpan? timeout = null, string model = "llama3") => new()
    {
        Name = "sentiment",
        SpecialistType = "sentiment",
        Labels = Labels,
        Examples = Examples,
        Experiment = "sentiment-specialist",
        RegisteredModel = "sentiment-specialist",
        ChampionAlias = "champion",
        Thresholds = Thresholds.Default,
        Weights = Weights.Default,
        FeedbackWindow = TimeSpan.FromDays(30),
        Schedule = "0 */6 * * *",
        Suspend = false,
        Retraining = new ResolvedRetraining
        {
            Enabled = true,
            Cooldown = TimeSpan.FromHours(24),
            DatasetGeneration = new ResolvedDatasetGeneration
            {
                Provider = provider, Model = model, Samples = samples, Temperature = 0.7, Timeout = timeout ?? TimeSpan.FromMinutes(5),
            },
            FeedbackSamples = 1000,
            TrainingTimeout = TimeSpan.FromHours(1),
            MinAbsoluteImprovement = 0.01,
            MinRelativeImprovement = 0.0,
            TransitionStage = false,
        },
        Notifications = new ResolvedNotifications { Channels = ["console"], SlackChannel = "#ml-alerts", EmailRecipients = [] },
    };

    /// <summary><paramref name="specialist"/> adding generated rows to every retrain (policy Always), as a retrain that brings new data.</summary>
    public static ResolvedSpecialist GeneratingEveryRetrain(this ResolvedSpecialist specialist) => specialist with
    {
        Retraining = specialist.Retraining with { DatasetGeneration = specialist.Retraining.DatasetGeneration with { Policy = GenerationPolicy.Always } },
    };
}
