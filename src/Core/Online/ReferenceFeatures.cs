using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>
/// The reference sample of the input-drift test: hashed feature vectors of texts the champion was evaluated on, with
/// the hasher settings that produced them (<see cref="Dimension"/>, <see cref="HashSeed"/>). AutoRetrain stores it at
/// promotion as <see cref="ReferenceFeaturesArtifact.Path"/>; the monitor compares recent inputs with it.
/// </summary>
public sealed record ReferenceFeatures
{
    public ReferenceFeatures(int dimension, uint hashSeed, IReadOnlyList<SparseVector> vectors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(vectors);
        foreach (var v in vectors)
        {
            ArgumentNullException.ThrowIfNull(v, nameof(vectors));
            if (v.Dimension != dimension)
                throw new ArgumentException($"A reference vector has dimension {v.Dimension}, not the sample's {dimension}.", nameof(vectors));
        }
        Dimension = dimension;
        HashSeed = hashSeed;
        Vectors = vectors;
    }

    public int Dimension { get; }

    public uint HashSeed { get; }

    public IReadOnlyList<SparseVector> Vectors { get; }

    /// <summary>
    /// At most <paramref name="size"/> of <paramref name="texts"/>, drawn uniformly without replacement (reproducibly
    /// from <paramref name="seed"/>, see <see cref="UniformSample"/>) and hashed with <paramref name="hasher"/>
    /// (<see cref="FeatureHasher.Default"/> when null, the hasher of the model server).
    /// </summary>
    public static ReferenceFeatures Sample(IReadOnlyList<string> texts, int size, int seed, FeatureHasher? hasher = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        hasher ??= FeatureHasher.Default;
        var chosen = UniformSample.Take(texts, size, seed);
        return new ReferenceFeatures(hasher.Dimension, hasher.Seed, [.. chosen.Select(hasher.Transform)]);
    }
}
