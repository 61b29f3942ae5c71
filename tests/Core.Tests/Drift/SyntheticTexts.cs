using Sentinel.Core.Drift;

namespace Sentinel.Core.Tests.Drift;

/// <summary>Seeded review-like texts from a small vocabulary, hashed into feature vectors.</summary>
internal static class SyntheticTexts
{
    public static readonly string[] Products =
        ["delivery", "package", "price", "quality", "support", "screen", "battery", "size", "colour", "service", "app", "refund"];

    public static readonly string[] Praise = ["great", "excellent", "fast", "perfect", "friendly", "lovely", "solid", "cheap"];

    public static readonly string[] Complaints = ["broken", "late", "slow", "rude", "expensive", "missing", "crashed", "refused"];

    /// <summary><paramref name="count"/> texts of 4–10 words: a product word then opinion words drawn from <paramref name="opinions"/>.</summary>
    public static IReadOnlyList<SparseVector> Features(int count, int seed, string[] opinions, FeatureHasher? hasher = null)
    {
        hasher ??= new FeatureHasher();
        var random = new Random(seed);
        var vectors = new List<SparseVector>(count);
        for (var i = 0; i < count; i++)
        {
            var words = new List<string> { "the" };
            var length = random.Next(4, 11);
            while (words.Count < length)
                words.Add(random.NextDouble() < 0.4 ? Products[random.Next(Products.Length)] : opinions[random.Next(opinions.Length)]);
            vectors.Add(hasher.Transform(string.Join(' ', words)));
        }
        return vectors;
    }
}
