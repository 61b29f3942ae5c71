namespace Sentinel.Core.Online;

/// <summary>
/// Upper ends of two-sided 95 % confidence intervals for online metrics measured on a sample of labelled predictions,
/// so that a rule can ask whether even the optimistic reading of the sample is below a line.
/// </summary>
/// <remarks>
/// Accuracy and a class's recall are proportions: their interval is Wilson's score interval, which stays inside [0, 1]
/// and keeps its coverage for small counts and proportions near 0 or 1, where the normal (Wald) interval does not.
/// Macro F1 has no closed form: its interval comes from a Poisson bootstrap of the confusion matrix (each cell's count
/// redrawn as a Poisson variate with that count as its mean, <see cref="BootstrapReplicates"/> replicates, seeded so a
/// rerun gives the same bound), the upper end being the 97.5th percentile of the replicates' macro F1. The Poisson
/// bootstrap is the multinomial one for large samples and costs O(k²) per replicate, whatever the number of labels.
/// </remarks>
public static class ConfidenceBounds
{
    /// <summary>The standard normal quantile of 0.975: the two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    public const int BootstrapReplicates = 1000;

    /// <summary>The upper end of Wilson's 95 % interval of <paramref name="successes"/> out of <paramref name="trials"/>; 1 when there is no trial.</summary>
    public static double WilsonUpper(long successes, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, successes);
        if (trials == 0) return 1;
        double n = trials;
        var p = successes / n;
        const double z2 = Z95 * Z95;
        var centre = p + (z2 / (2 * n));
        var spread = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return Math.Min(1, (centre + spread) / (1 + (z2 / n)));
    }

    /// <summary>The 97.5th percentile of the macro F1 of Poisson-bootstrap replicates of <paramref name="confusion"/> (<c>[true][predicted]</c>).</summary>
    public static double MacroF1Upper(IReadOnlyList<IReadOnlyList<int>> confusion, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var k = confusion.Count;
        var random = new Random(seed);
        var cells = new long[k, k];
        var replicates = new double[BootstrapReplicates];
        for (var b = 0; b < replicates.Length; b++)
        {
            for (var t = 0; t < k; t++)
                for (var p = 0; p < k; p++)
                    cells[t, p] = Poisson(random, confusion[t][p]);
            replicates[b] = MacroF1(cells, k);
        }
        Array.Sort(replicates);
        return replicates[(int)Math.Ceiling(0.975 * replicates.Length) - 1];
    }

    /// <summary>Macro F1 over the classes that occur among the true or predicted labels, as <see cref="ConfusionCounts.ToReport"/> computes it.</summary>
    public static double MacroF1(long[,] cells, int k)
    {
        double sum = 0;
        var present = 0;
        for (var c = 0; c < k; c++)
        {
            long support = 0, predicted = 0;
            for (var o = 0; o < k; o++)
            {
                support += cells[c, o];
                predicted += cells[o, c];
            }
            if (support == 0 && predicted == 0) continue;
            present++;
            var tp = cells[c, c];
            var precision = predicted == 0 ? 0 : (double)tp / predicted;
            var recall = support == 0 ? 0 : (double)tp / support;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return present == 0 ? 0 : sum / present;
    }

    /// <summary>A Poisson variate of mean <paramref name="mean"/>: Knuth's product of uniforms up to 30, the rounded normal approximation above.</summary>
    private static long Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Max(0, (long)Math.Round(mean + (Math.Sqrt(mean) * normal)));
        }
        var limit = Math.Exp(-mean);
        long count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }
}
