using System.Text;
using Sentinel.Core.Datasets;

namespace Sentinel.Quality.Bench;

/// <summary>
/// The sentence polarity dataset v1.0 (Pang and Lee, 2005) read from the shared datasets directory, never copied into
/// the repository: 5,331 positive and 5,331 negative movie review snippets, Latin-1, one per line.
/// </summary>
internal static class MovieReviews
{
    public static readonly string[] Labels = ["positive", "negative"];

    public static IReadOnlyList<DatasetRow> Load(string directory)
    {
        var latin1 = Encoding.Latin1;
        var rows = new List<DatasetRow>();
        foreach (var (file, label) in new[] { ("rt-polarity.pos", "positive"), ("rt-polarity.neg", "negative") })
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path)) throw new FileNotFoundException($"{path} not found; pass the movie-review-polarity directory as the first argument", path);
            rows.AddRange(File.ReadLines(path, latin1).Where(l => l.Trim().Length > 0).Select(l => new DatasetRow(l.Trim(), label, DatasetSource.Synthetic)));
        }
        return rows;
    }
}
