namespace Sentinel.Core.Datasets;

/// <summary>
/// Groups texts so that any two whose <see cref="TextShingles"/> have a Jaccard similarity at or above a threshold
/// are in the same group (the groups are the connected components of that relation). Candidates come from MinHash
/// signatures split into bands (locality-sensitive hashing); every candidate pair is confirmed on the exact
/// Jaccard similarity, so no pair below the threshold joins two groups.
/// </summary>
/// <remarks>
/// <para>90 hash functions in 30 bands of 3: a pair at similarity 0.7 is a candidate with probability
/// 1 − (1 − 0.7³)³⁰ ≈ 0.999997, at 0.6 with 0.9985; pairs below 0.4 rarely are, which keeps the confirmations few.
/// A pair at the threshold can in principle be missed; the property tests check that, for the thresholds in use,
/// it is not.</para>
/// <para>Deterministic: the hash functions are fixed, and the same texts in the same order give the same groups.</para>
/// </remarks>
public static class NearDuplicateGroups
{
    /// <summary>The default threshold: texts at least 70 % alike (character 5-grams) are near-duplicates.</summary>
    public const double DefaultThreshold = 0.7;

    private const int Bands = 30;
    private const int RowsPerBand = 3;
    private const int HashCount = Bands * RowsPerBand;

    /// <summary>The group of each text, as the index of the group's first text (so group ids are stable for a given order).</summary>
    public static int[] Find(IReadOnlyList<uint[]> shingles, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(shingles);
        if (threshold is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the near-duplicate threshold is a Jaccard similarity in (0, 1], e.g. 0.7");
        var n = shingles.Count;
        var parent = new int[n];
        for (var i = 0; i < n; i++) parent[i] = i;

        // All signatures first (n × 90 values), then one band at a time: sorting the rows by their band key puts each
        // bucket's rows next to each other, without a dictionary of lists per band.
        var signatures = new uint[n * HashCount];
        for (var i = 0; i < n; i++) Sign(shingles[i], signatures.AsSpan(i * HashCount, HashCount));
        var keys = new ulong[n];
        var order = new int[n];
        for (var band = 0; band < Bands; band++)
        {
            for (var i = 0; i < n; i++)
            {
                keys[i] = BandKey(signatures.AsSpan((i * HashCount) + (band * RowsPerBand), RowsPerBand));
                order[i] = i;
            }
            Array.Sort(keys.ToArray(), order);
            for (var start = 0; start < n;)
            {
                var end = start + 1;
                while (end < n && keys[order[end]] == keys[order[start]]) end++;
                for (var a = start + 1; a < end; a++)
                    for (var b = start; b < a; b++)
                        if (Root(parent, order[a]) != Root(parent, order[b]) && TextShingles.Jaccard(shingles[order[a]], shingles[order[b]]) >= threshold)
                            Union(parent, order[a], order[b]);
                start = end;
            }
        }

        var groups = new int[n];
        for (var i = 0; i < n; i++) groups[i] = Root(parent, i);
        return groups;
    }

    private static void Sign(uint[] shingles, Span<uint> signature)
    {
        signature.Fill(uint.MaxValue);
        foreach (var s in shingles)
            for (var h = 0; h < HashCount; h++)
            {
                var value = (uint)(Mix(s ^ ((ulong)(h + 1) * 0x9E3779B97F4A7C15UL)) >> 32);
                if (value < signature[h]) signature[h] = value;
            }
        if (shingles.Length == 0) signature.Clear();
    }

    private static ulong BandKey(ReadOnlySpan<uint> values)
    {
        ulong key = 0xCBF29CE484222325UL;
        foreach (var v in values) key = Mix(key ^ v);
        return key;
    }

    // SplitMix64's finaliser: a well-mixed 64-bit permutation.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static int Root(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    // The smaller index becomes the root, so a group is named by its first text.
    private static void Union(int[] parent, int a, int b)
    {
        var (ra, rb) = (Root(parent, a), Root(parent, b));
        if (ra == rb) return;
        if (ra < rb) parent[rb] = ra;
        else parent[ra] = rb;
    }
}
