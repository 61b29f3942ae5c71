using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Tests;

/// <summary>Separable labelled rows for training tests: each label has its own vocabulary plus shared filler words.</summary>
internal static class SyntheticRows
{
    public static readonly string[] Labels = ["billing", "outage", "praise"];

    private static readonly Dictionary<string, string[]> Vocabulary = new()
    {
        ["billing"] = ["invoice", "charged", "refund", "payment", "subscription", "price", "bill", "card"],
        ["outage"] = ["down", "error", "crash", "timeout", "unavailable", "broken", "offline", "failing"],
        ["praise"] = ["love", "great", "thanks", "excellent", "awesome", "helpful", "fantastic", "perfect"],
    };

    private static readonly string[] Filler = ["the", "my", "service", "today", "again", "please", "really", "account", "app", "team"];

    public static List<DatasetRow> Create(int perLabel, int seed = 1)
    {
        var random = new Random(seed);
        var rows = new List<DatasetRow>();
        for (var i = 0; i < perLabel; i++)
        {
            foreach (var label in Labels)
            {
                var words = Enumerable.Range(0, 6).Select(k => k % 3 == 0 ? Pick(random, Vocabulary[label]) : Pick(random, Filler));
                rows.Add(new DatasetRow($"{string.Join(' ', words)} #{i}", label, DatasetSource.Synthetic));
            }
        }
        return rows;
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
