using Sentinel.Core.Drift;

namespace Sentinel.Core.Tests.Drift;

public sealed class SparseVectorTests
{
    [Fact]
    public void Dot_RandomVectors_MatchesTheDenseProduct()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var (a, denseA) = Random(random, 40);
            var (b, denseB) = Random(random, 40);
            var expected = denseA.Zip(denseB, (x, y) => (double)x * y).Sum();
            var squaredDistance = denseA.Zip(denseB, (x, y) => ((double)x - y) * ((double)x - y)).Sum();

            Assert.Equal(expected, a.Dot(b), 1e-9);
            Assert.Equal(squaredDistance, a.SquaredDistance(b), 1e-9);
            Assert.Equal(denseA.Sum(x => (double)x * x), a.SquaredNorm, 1e-9);
        }
    }

    [Fact]
    public void FromEntries_DuplicatesAndZeros_AreMergedAndDropped()
    {
        var v = SparseVector.FromEntries(10, [new(7, 1), new(2, 0.5), new(7, 2), new(4, 1), new(4, -1)]);

        Assert.Equal([2, 7], v.Indices.ToArray());
        Assert.Equal([0.5f, 3f], v.Values.ToArray());
    }

    [Fact]
    public void Constructor_UnsortedOrOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SparseVector(10, [3, 1], [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SparseVector(10, [10], [1]));
        Assert.Throws<ArgumentException>(() => new SparseVector(10, [1], [float.NaN]));
    }

    [Fact]
    public void Dot_DifferentDimensions_Throws() =>
        Assert.Throws<ArgumentException>(() => new SparseVector(3, [], []).Dot(new SparseVector(4, [], [])));

    private static (SparseVector Sparse, float[] Dense) Random(Random random, int dimension)
    {
        var dense = new float[dimension];
        for (var i = 0; i < dimension; i++)
            if (random.NextDouble() < 0.2) dense[i] = (float)((random.NextDouble() * 2) - 1);
        var indices = Enumerable.Range(0, dimension).Where(i => dense[i] != 0).ToArray();
        return (new SparseVector(dimension, indices, [.. indices.Select(i => dense[i])]), dense);
    }
}
