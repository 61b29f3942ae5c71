using Sentinel.Core.Feedback;

namespace Sentinel.Benchmarks;

/// <summary>
/// Deterministic feedback for the benchmarks: three specialists over 60 days, 15 % label-only records,
/// 40 % with a true label, yielded in batches so that loading a million never holds them all.
/// </summary>
internal static class FeedbackGenerator
{
    public const string Specialist = "intent";
    public const int BatchSize = 10_000;
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = Start.AddDays(60);

    private static readonly string[] Specialists = ["intent", "sentiment", "toxicity"];
    private static readonly string[] Labels = ["billing", "refund", "other"];

    public static IEnumerable<FeedbackRecord[]> Batches(int count, int seed = 42)
    {
        var random = new Random(seed);
        var span = (long)(End - Start).TotalMilliseconds;
        for (var offset = 0; offset < count; offset += BatchSize)
        {
            var batch = new FeedbackRecord[Math.Min(BatchSize, count - offset)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = new FeedbackRecord
                {
                    SpecialistType = Specialists[random.Next(Specialists.Length)],
                    PredictionId = $"pred-{offset + i}",
                    Rating = random.Next(100) < 15 ? null : Math.Round(random.NextDouble(), 4),
                    TrueLabel = random.Next(100) < 40 ? Labels[random.Next(Labels.Length)] : null,
                    Source = "user",
                    ModelVersion = "1",
                    CreatedAt = Start.AddMilliseconds(random.NextInt64(span)),
                };
            }
            yield return batch;
        }
    }
}
