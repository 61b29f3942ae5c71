namespace Sentinel.MonitorJob.Tests;

/// <summary>Seeded review-like texts: a product word among opinion words of one vocabulary (praise or complaints).</summary>
internal static class InputTexts
{
    private static readonly string[] Products =
        ["delivery", "package", "price", "quality", "support", "screen", "battery", "size", "colour", "service", "app", "refund"];

    public static readonly string[] Praise = ["great", "excellent", "fast", "perfect", "friendly", "lovely", "solid", "cheap"];

    public static readonly string[] Complaints = ["broken", "late", "slow", "rude", "expensive", "missing", "crashed", "refused"];

    /// <summary><paramref name="count"/> texts of 4–10 words drawn with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<string> Reviews(int count, int seed, string[] opinions)
    {
        var random = new Random(seed);
        var texts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var words = new List<string> { "The" };
            var length = random.Next(4, 11);
            while (words.Count < length)
                words.Add(random.NextDouble() < 0.4 ? Products[random.Next(Products.Length)] : opinions[random.Next(opinions.Length)]);
            texts.Add(string.Join(' ', words) + "!");
        }
        return texts;
    }
}
