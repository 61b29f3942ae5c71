using System.Diagnostics;
using System.Globalization;
using Sentinel.Core.Datasets;

namespace Sentinel.Quality.Bench;

/// <summary>
/// Time and memory of <see cref="EvaluationSplit.Assign"/> on N rows built from the movie reviews: the sentences, then
/// variants of them (a word dropped, a word appended) until N, so a realistic share of near-duplicates is grouped.
/// </summary>
internal static class SplitCost
{
    public static int Run(IReadOnlyList<DatasetRow> sentences, int rows)
    {
        var random = new Random(7);
        var all = new List<DatasetRow>(rows);
        for (var i = 0; all.Count < rows; i++)
        {
            var s = sentences[i % sentences.Count];
            var words = s.Text.Split(' ');
            var text = (i / sentences.Count) switch
            {
                0 => s.Text,
                var round when round % 2 == 1 && words.Length > 3 => string.Join(' ', words.Where((_, k) => k != random.Next(words.Length))),
                var round => $"{s.Text} {round}",
            };
            all.Add(s with { Text = text });
        }
        var distinct = all.DistinctBy(r => TextNormalizer.Normalize(r.Text)).ToList();
        GC.Collect();
        var workingSetBefore = Environment.WorkingSet / (1024.0 * 1024.0);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var split = EvaluationSplit.Assign(new EvaluationSplitInputs { Rows = distinct, EvaluationFraction = 0.2, Salt = "movies" });
        clock.Stop();
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"split of {distinct.Count} distinct rows: {clock.Elapsed.TotalSeconds:0.00} s, {allocated:0} MiB allocated, working set {workingSetBefore:0} MiB before, {Environment.WorkingSet / (1024.0 * 1024.0):0} MiB after; " +
            $"{split.Groups} groups, {split.NearDuplicateRows} near-duplicates, {split.Training.Count} training / {split.Evaluation.Count} evaluation rows"));
        return 0;
    }
}
