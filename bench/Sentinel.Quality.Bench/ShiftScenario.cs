using Sentinel.Core.Datasets;

namespace Sentinel.Quality.Bench;

/// <summary>
/// A domain shift inside the movie reviews: the champion is trained on sentences about everything but the
/// <see cref="TopicWords"/> (performances and comedy); production then serves sentences about them. Users label half
/// of the served sentences; the other half is never labelled and never trained on: the rows every model is judged on.
/// </summary>
internal sealed record ShiftScenario(IReadOnlyList<DatasetRow> Initial, IReadOnlyList<DatasetRow> Labelled, IReadOnlyList<DatasetRow> Unseen)
{
    public static readonly string[] TopicWords =
    [
        "performance", "performances", "acting", "actor", "actors", "actress", "cast", "role", "plays", "played",
        "funny", "comedy", "comedies", "laughs", "humor", "jokes", "hilarious", "comic", "laugh", "gags",
    ];

    public static ShiftScenario Build(IReadOnlyList<DatasetRow> all, int seed)
    {
        var topic = TopicWords.ToHashSet(StringComparer.Ordinal);
        bool Served(DatasetRow r) => TextNormalizer.Normalize(r.Text).Split(' ').Any(topic.Contains);
        var random = new Random(seed);
        var served = all.Where(Served).ToArray();
        random.Shuffle(served);
        var half = served.Length / 2;
        return new ShiftScenario([.. all.Where(r => !Served(r))], [.. served[..half].Select(r => r with { Source = DatasetSource.Feedback })], [.. served[half..]]);
    }
}
