using Sentinel.Core.Drift;
using Sentinel.Core.Online;

namespace Sentinel.Benchmarks;

/// <summary>
/// Deterministic in-memory windows for the online-signal benchmarks: predictions spread over 30 days with a
/// class mix and confidences like a sentiment model's, labelled pairs right 85 % of the time, and review-like
/// texts hashed into 1,000-dimensional sparse features.
/// </summary>
internal static class OnlineWindowGenerator
{
    public static readonly string[] Labels = ["negative", "neutral", "positive"];
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Products = ["delivery", "package", "price", "quality", "support", "screen", "battery", "size", "colour", "service", "app", "refund", "order", "courier", "invoice", "account"];
    private static readonly string[] Praise = ["great", "excellent", "fast", "perfect", "friendly", "lovely", "solid", "cheap", "good", "helpful", "quick", "clean"];
    private static readonly string[] Complaints = ["broken", "late", "slow", "rude", "expensive", "missing", "crashed", "refused", "bad", "wrong", "lost", "damaged"];

    public static OnlineObservations Window(int predictions, int labelled, int seed = 42)
    {
        var random = new Random(seed);
        var span = TimeSpan.FromDays(30).Ticks;
        var logged = new LoggedPrediction[predictions];
        for (var i = 0; i < predictions; i++)
        {
            var u = random.NextDouble();
            var label = u < 0.3 ? Labels[0] : u < 0.6 ? Labels[1] : Labels[2];
            var at = Now.AddTicks(-span + (span / predictions * i));
            logged[i] = new LoggedPrediction(label, 0.5 + (0.5 * random.NextDouble()), at);
        }
        var pairs = new LabelledPrediction[labelled];
        for (var i = 0; i < labelled; i++)
        {
            var predicted = logged[random.Next(predictions)].Label;
            var truth = random.NextDouble() < 0.85 ? predicted : Labels[random.Next(Labels.Length)];
            pairs[i] = new LabelledPrediction(truth, predicted);
        }
        return new OnlineObservations
        {
            Labels = Labels,
            Predictions = logged,
            Labelled = pairs,
            Baseline = new ClassDistribution(Labels, [0.28, 0.32, 0.40]),
            NewSamples = predictions,
            Seed = seed,
        };
    }

    /// <summary><paramref name="count"/> hashed texts; <paramref name="complaintShare"/> of the opinion words are complaints.</summary>
    public static SparseVector[] Features(int count, double complaintShare, int seed, int dimension = FeatureHasher.DefaultDimension)
    {
        var hasher = new FeatureHasher(dimension);
        var random = new Random(seed);
        var vectors = new SparseVector[count];
        var words = new List<string>();
        for (var i = 0; i < count; i++)
        {
            words.Clear();
            words.Add("the");
            var length = random.Next(8, 31);
            while (words.Count < length)
            {
                var pool = random.NextDouble() < 0.4 ? Products : random.NextDouble() < complaintShare ? Complaints : Praise;
                words.Add(pool[random.Next(pool.Length)]);
            }
            vectors[i] = hasher.Transform(string.Join(' ', words));
        }
        return vectors;
    }
}
