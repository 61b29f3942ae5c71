using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Sentinel.Core.Datasets;

/// <summary>
/// A text as the set of its character 5-grams (of the <see cref="TextNormalizer"/> form, padded with one space at
/// each end), each hashed to 32 bits with xxHash3 and kept sorted and distinct: what near-duplicate detection compares.
/// </summary>
/// <remarks>
/// Character shingles see "the parcel arrived on monday" and "parcel arrived monday" as close (Jaccard 0.6) where
/// word shingles of such short texts see almost nothing in common. A normal form shorter than five characters is one
/// shingle, itself.
/// </remarks>
public static class TextShingles
{
    public const int Width = 5;

    public static uint[] Of(string? text)
    {
        var normal = TextNormalizer.Normalize(text);
        if (normal.Length == 0) return [];
        var padded = $" {normal} ";
        var chars = MemoryMarshal.AsBytes(padded.AsSpan());
        var count = Math.Max(1, padded.Length - Width + 1);
        var hashes = new uint[count];
        for (var i = 0; i < count; i++)
        {
            var width = Math.Min(Width, padded.Length) * sizeof(char);
            hashes[i] = (uint)XxHash3.HashToUInt64(chars.Slice(i * sizeof(char), width));
        }
        Array.Sort(hashes);
        var distinct = 0;
        for (var i = 0; i < hashes.Length; i++)
            if (i == 0 || hashes[i] != hashes[distinct - 1]) hashes[distinct++] = hashes[i];
        return hashes[..distinct];
    }

    /// <summary>|a ∩ b| / |a ∪ b| of two sorted distinct shingle sets; 1 for two empty texts.</summary>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length == 0 && b.Length == 0) return 1;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return (double)common / (a.Length + b.Length - common);
    }
}
