using System.Globalization;
using Sentinel.Core.Retraining;
using Sentinel.Quality.Bench;

// dotnet run -c Release --project bench/Sentinel.Quality.Bench -- [movie-review-polarity directory] [seeds]
// dotnet run -c Release --project bench/Sentinel.Quality.Bench -- split [movie-review-polarity directory] [rows]
if (args is ["split", .. var splitArgs])
{
    var sentences = MovieReviews.Load(splitArgs.Length > 0 ? splitArgs[0] : Path.Combine("..", "shared", "datasets", "movie-review-polarity"));
    return SplitCost.Run(sentences, splitArgs.Length > 1 ? int.Parse(splitArgs[1], CultureInfo.InvariantCulture) : 100_000);
}
var directory = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "datasets", "movie-review-polarity");
var seeds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var all = MovieReviews.Load(directory);
Console.WriteLine($"{all.Count} sentences; served topic words: {string.Join(' ', ShiftScenario.TopicWords)}");
Console.WriteLine("| seed | initial rows | users' labels | unseen served rows | v1 promoted | champion F1 | challenger F1 | TF-IDF+LR (challenger's rows) | TF-IDF+LR (champion's rows) | comparison on rows neither trained on | v2 promoted by the rule |");
Console.WriteLine("| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |");
for (var seed = 1; seed <= seeds; seed++)
{
    var scenario = ShiftScenario.Build(all, seed);
    var o = await ShiftLoop.RunAsync(scenario, seed);
    var evaluation = o.Second.Comparisons.FirstOrDefault(c => c.Set == SetComparison.Evaluation);
    var recent = o.Second.Comparisons.FirstOrDefault(c => c.Set == SetComparison.RecentFeedback);
    var comparison = evaluation is null ? "none" : string.Create(CultureInfo.InvariantCulture,
        $"{evaluation.Rows} rows: {evaluation.ChallengerF1:0.000} vs {evaluation.ChampionF1:0.000}, p = {evaluation.Paired.PValueBetter:0.####}; recent labels {recent?.Rows ?? 0} rows: {recent?.ChallengerF1 ?? 0:0.000} vs {recent?.ChampionF1 ?? 0:0.000}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {seed} | {scenario.Initial.Count} | {scenario.Labelled.Count} | {scenario.Unseen.Count} | {(o.First.Promoted ? "yes" : "no")} | {o.Champion.MacroF1:0.000} | {o.Challenger.MacroF1:0.000} | {o.BaselineOnChallengerRows.MacroF1:0.000} | {o.BaselineOnChampionRows.MacroF1:0.000} | {comparison} | {(o.Second.Promoted ? "yes" : "no")}{(o.Second.Forced ? " (forced)" : "")} |"));
    if (!o.Second.Promoted) Console.WriteLine($"  not promoted: {o.Second.PromotionReason}");
}
return 0;
