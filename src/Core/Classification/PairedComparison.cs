using Sentinel.Core.Drift;

namespace Sentinel.Core.Classification;

/// <summary>
/// Two models judged on the same labelled rows: both macro F1 scores, the difference with a 95 % paired-bootstrap
/// interval, and McNemar's exact test on the rows where exactly one of them is right.
/// </summary>
/// <param name="Rows">The rows both models were scored on.</param>
/// <param name="ChallengerOnlyRight">Rows the challenger got right and the champion wrong (McNemar's b).</param>
/// <param name="ChampionOnlyRight">Rows the champion got right and the challenger wrong (McNemar's c).</param>
/// <param name="PValueBetter">One-sided exact p-value of "the challenger is right more often": P(X ≥ b) for X ~ Binomial(b + c, ½).</param>
/// <param name="PValueWorse">One-sided exact p-value of "the challenger is wrong more often": P(X ≥ c).</param>
public sealed record PairedResult(
    int Rows, double ChallengerF1, double ChampionF1, double DeltaLow, double DeltaHigh,
    int ChallengerOnlyRight, int ChampionOnlyRight, double PValueBetter, double PValueWorse)
{
    public double Delta => ChallengerF1 - ChampionF1;
}

/// <summary>Computes <see cref="PairedResult"/>s (pure and deterministic: the bootstrap draws from a fixed seed).</summary>
public static class PairedComparison
{
    public const int BootstrapResamples = 1000;

    public static PairedResult Compare(IReadOnlyList<string> labels, IReadOnlyList<string> truth, IReadOnlyList<string> challenger, IReadOnlyList<string> champion, int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(champion);
        if (challenger.Count != truth.Count || champion.Count != truth.Count)
            throw new ArgumentException($"both models must be scored on the same rows: {truth.Count} labels, {challenger.Count} and {champion.Count} predictions");

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var l in labels) index.TryAdd(l, index.Count);
        int[] Encode(IReadOnlyList<string> values) => [.. values.Select(v => index.TryGetValue(v, out var at) ? at : index[v] = index.Count)];
        var (t, newer, older) = (Encode(truth), Encode(challenger), Encode(champion));
        var k = index.Count;

        var n = t.Length;
        var challengerF1 = MacroF1(t, newer, k, null);
        var championF1 = MacroF1(t, older, k, null);
        int b = 0, c = 0;
        for (var i = 0; i < n; i++)
        {
            var newRight = newer[i] == t[i];
            var oldRight = older[i] == t[i];
            if (newRight && !oldRight) b++;
            else if (oldRight && !newRight) c++;
        }

        var (low, high) = (challengerF1 - championF1, challengerF1 - championF1);
        if (n > 1)
        {
            var random = new Random(seed);
            var draw = new int[n];
            var deltas = new double[BootstrapResamples];
            for (var r = 0; r < BootstrapResamples; r++)
            {
                for (var i = 0; i < n; i++) draw[i] = random.Next(n);
                deltas[r] = MacroF1(t, newer, k, draw) - MacroF1(t, older, k, draw);
            }
            Array.Sort(deltas);
            (low, high) = (deltas[(int)(0.025 * (BootstrapResamples - 1))], deltas[(int)Math.Ceiling(0.975 * (BootstrapResamples - 1))]);
        }
        return new PairedResult(n, challengerF1, championF1, low, high, b, c, UpperTail(b, b + c), UpperTail(c, b + c));
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, ½); 1 when k is 0.</summary>
    public static double UpperTail(int k, int n)
    {
        if (k <= 0) return 1;
        if (k > n) return 0;
        var logHalf = n * Math.Log(0.5);
        var logNFactorial = GammaFunctions.LogGamma(n + 1);
        double sum = 0;
        for (var i = k; i <= n; i++)
            sum += Math.Exp(logNFactorial - GammaFunctions.LogGamma(i + 1) - GammaFunctions.LogGamma(n - i + 1) + logHalf);
        return Math.Min(1, sum);
    }

    // Macro F1 with ClassificationMetrics' conventions (the mean over classes present among the true or the predicted
    // labels), over the rows in draw (all rows when null), without building a report per resample.
    private static double MacroF1(int[] truth, int[] predicted, int classes, int[]? draw)
    {
        Span<int> counts = classes <= 64 ? stackalloc int[3 * classes] : new int[3 * classes];
        counts.Clear();
        var n = draw?.Length ?? truth.Length;
        for (var r = 0; r < n; r++)
        {
            var i = draw?[r] ?? r;
            counts[truth[i]]++;
            counts[classes + predicted[i]]++;
            if (truth[i] == predicted[i]) counts[(2 * classes) + truth[i]]++;
        }
        double sum = 0;
        var present = 0;
        for (var c = 0; c < classes; c++)
        {
            var (support, predictedCount, hits) = (counts[c], counts[classes + c], counts[(2 * classes) + c]);
            if (support == 0 && predictedCount == 0) continue;
            present++;
            var precision = predictedCount == 0 ? 0 : (double)hits / predictedCount;
            var recall = support == 0 ? 0 : (double)hits / support;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return present == 0 ? 0 : sum / present;
    }
}
