using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Sentinel.Core.Drift;

/// <summary>
/// Turns a text into a fixed-size sparse feature vector for input-drift tests, the same way on every machine
/// and in every process: scikit-learn's <c>HashingVectorizer(ngram_range=(1, 2), alternate_sign=True, norm="l2")</c>
/// with xxHash32 (seed 0 by default) in place of MurmurHash3.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Words are the runs of letters and digits, lower-cased (invariant culture); everything else separates
/// them. This is the normal form the classifier is trained on, so "Great, thanks!" and "great thanks" hash alike.</item>
/// <item>Features are every word and every pair of adjacent words (written "w1 w2"), hashed as UTF-8.</item>
/// <item>A feature with hash h adds 1 at index <c>h mod D</c> when h's top bit is 0 and −1 when it is 1: opposite
/// signs make colliding features cancel on average instead of piling up.</item>
/// <item>The counts are scaled to unit Euclidean length, so long and short texts are comparable; an empty text
/// gives the zero vector.</item>
/// </list>
/// <c>string.GetHashCode</c> would not do: it is randomised per process, so a reference sample saved at promotion
/// would not match features computed later.
/// </remarks>
public sealed class FeatureHasher
{
    /// <summary>The default dimension: 1,000 components.</summary>
    public const int DefaultDimension = 1000;

    /// <summary>
    /// The hasher of Sentinel's input-drift test (<see cref="DefaultDimension"/>, seed 0): the model server hashes the
    /// sampled inputs with it and AutoRetrain the reference sample, so that both sides are comparable.
    /// </summary>
    public static FeatureHasher Default { get; } = new();

    private readonly uint _seed;

    public FeatureHasher(int dimension = DefaultDimension, uint seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        _seed = seed;
    }

    public int Dimension { get; }

    /// <summary>The xxHash32 seed.</summary>
    public uint Seed => _seed;

    public SparseVector Transform(string? text)
    {
        var words = Words(text ?? "");
        var counts = new Dictionary<int, double>();
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(words.Length));
        try
        {
            var previousStart = -1;
            var start = 0;
            while (start < words.Length)
            {
                var end = words.IndexOf(' ', start);
                if (end < 0) end = words.Length;
                Add(counts, buffer, words.AsSpan(start, end - start));
                // The normal form has single spaces, so the bigram "w1 w2" is the text from w1's start to w2's end.
                if (previousStart >= 0) Add(counts, buffer, words.AsSpan(previousStart, end - previousStart));
                previousStart = start;
                start = end + 1;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var norm = Math.Sqrt(counts.Values.Sum(v => v * v));
        if (norm > 0)
            foreach (var key in counts.Keys) counts[key] /= norm;
        return SparseVector.FromEntries(Dimension, counts);
    }

    /// <summary>The 32-bit hash of a feature's UTF-8 bytes (exposed so that tests can check the scheme independently).</summary>
    public uint Hash(ReadOnlySpan<byte> utf8) => XxHash32.HashToUInt32(utf8, unchecked((int)_seed));

    private void Add(Dictionary<int, double> counts, byte[] buffer, ReadOnlySpan<char> feature)
    {
        var length = Encoding.UTF8.GetBytes(feature, buffer);
        var hash = Hash(buffer.AsSpan(0, length));
        var index = (int)(hash % (uint)Dimension);
        counts[index] = counts.GetValueOrDefault(index) + ((hash & 0x8000_0000u) == 0 ? 1 : -1);
    }

    /// <summary>The words of <paramref name="text"/>, lower-cased, separated by single spaces.</summary>
    private static string Words(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (!char.IsLetterOrDigit(ch))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && sb.Length > 0) sb.Append(' ');
            pendingSpace = false;
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }
}
