using Sentinel.Core.Feedback;

namespace Sentinel.Adapters.Feedback.Tests;

/// <summary>Feedback records for tests.</summary>
internal static class FeedbackSamples
{
    public const string Specialist = "intent";
    private static int s_next;

    public static FeedbackRecord Record(double? rating, DateTimeOffset at, string specialist = Specialist, string? label = null) => new()
    {
        SpecialistType = specialist,
        PredictionId = $"pred-{Interlocked.Increment(ref s_next)}",
        Rating = rating,
        TrueLabel = label,
        CreatedAt = at,
    };

    /// <summary>
    /// <paramref name="count"/> records over 60 days from <paramref name="start"/> for three specialists: ratings
    /// random, on band boundaries, or missing; true labels on about 40 %.
    /// </summary>
    public static List<FeedbackRecord> Random(int seed, int count, DateTimeOffset start)
    {
        var random = new Random(seed);
        string[] specialists = ["intent", "sentiment", "toxicity"];
        double[] boundaries = [0.0, 0.3999, 0.4, 0.5999, 0.6, 1.0];
        string[] labels = ["billing", "refund", "other"];
        var span = (long)TimeSpan.FromDays(60).TotalMilliseconds;
        var records = new List<FeedbackRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(100);
            double? rating = kind < 15 ? null : kind < 25 ? boundaries[random.Next(boundaries.Length)] : random.NextDouble();
            records.Add(new FeedbackRecord
            {
                SpecialistType = specialists[random.Next(specialists.Length)],
                PredictionId = $"pred-{seed}-{i}",
                Rating = rating,
                TrueLabel = random.Next(100) < 40 ? labels[random.Next(labels.Length)] : null,
                Source = random.Next(2) == 0 ? "user" : "golden",
                CreatedAt = start.AddMilliseconds(random.NextInt64(span)),
            });
        }
        return records;
    }
}
