using System.Globalization;
using Sentinel.Core.Drift;

namespace Sentinel.Benchmarks;

/// <summary>
/// <c>mmd-effect [--repeats R] [--permutations P]</c>: the MMD² statistic and permutation p-value of the input drift test
/// for reference and recent samples of hashed texts (<see cref="OnlineWindowGenerator.Features"/>) whose complaint-word
/// share is the same (0.30, the null), slightly shifted (0.32), moderately (0.40) or strongly (0.60), at 50, 200 and
/// 1,000 vectors a side, each case repeated with fresh seeds. The figures choose the MMD² floor of the input drift rule
/// (<c>OnlineQualityThresholds.Mmd2</c>): above what no shift and tiny shifts give, below what a moderate shift gives.
/// </summary>
internal static class MmdEffectSizes
{
    public static int Run(string[] args)
    {
        var repeats = Option(args, "--repeats", 10);
        var permutations = Option(args, "--permutations", 200);
        Console.WriteLine("size,recent_share,repeats,mmd2_min,mmd2_mean,mmd2_max,p_max,share_p_below_0.05");
        foreach (var size in new[] { 50, 200, 1000 })
        {
            foreach (var share in new[] { 0.30, 0.32, 0.40, 0.60 })
            {
                var mmd2 = new List<double>();
                var p = new List<double>();
                for (var r = 0; r < repeats; r++)
                {
                    var reference = OnlineWindowGenerator.Features(size, complaintShare: 0.30, seed: 1000 + r);
                    var recent = OnlineWindowGenerator.Features(size, complaintShare: share, seed: 5000 + r);
                    var result = MmdPermutationTest.Run(reference, recent, permutations, seed: r)!;
                    mmd2.Add(result.Mmd2);
                    p.Add(result.PValue);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{size},{share:F2},{repeats},{mmd2.Min():F5},{mmd2.Average():F5},{mmd2.Max():F5},{p.Max():F4},{p.Count(x => x < 0.05) / (double)repeats:F2}"));
            }
        }
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
