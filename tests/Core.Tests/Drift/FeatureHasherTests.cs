using System.IO.Hashing;
using System.Text;
using Sentinel.Core.Drift;

namespace Sentinel.Core.Tests.Drift;

public sealed class FeatureHasherTests
{
    [Theory]
    [InlineData("", 0x02CC5D05u)]    // the xxHash32 reference test vectors, seed 0
    [InlineData("a", 0x550D7456u)]
    [InlineData("abc", 0x32D153FFu)]
    public void Hash_ReferenceVectors_MatchTheXxHash32Specification(string input, uint expected) =>
        Assert.Equal(expected, new FeatureHasher().Hash(Encoding.UTF8.GetBytes(input)));

    [Fact]
    public void Transform_TwoWords_IsTheSignedHashedUnigramsAndBigramUnitNormalised()
    {
        // Worked from the scheme: features "good", "movie", "good movie"; index h mod 1000, sign from h's top bit.
        var hasher = new FeatureHasher(1000);
        var expected = new Dictionary<int, double>();
        foreach (var feature in new[] { "good", "movie", "good movie" })
        {
            var h = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(feature));
            var index = (int)(h % 1000);
            expected[index] = expected.GetValueOrDefault(index) + (h >> 31 == 0 ? 1 : -1);
        }
        var norm = Math.Sqrt(expected.Values.Sum(v => v * v));

        var vector = hasher.Transform("Good movie!");

        Assert.Equal(expected.Keys.Order(), vector.Indices.ToArray());
        for (var i = 0; i < vector.Count; i++) Assert.Equal(expected[vector.Indices[i]] / norm, vector.Values[i], 1e-6);
        Assert.Equal(1, vector.SquaredNorm, 1e-6);
    }

    [Fact]
    public void Transform_SameTextTwiceAndInTwoHashers_GivesTheSameVector()
    {
        const string text = "The delivery was late, but the support team fixed it quickly. 10/10 would order again";
        var a = new FeatureHasher().Transform(text);
        var b = new FeatureHasher().Transform(text);

        Assert.Equal(a.Indices.ToArray(), b.Indices.ToArray());
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
    }

    [Fact]
    public void Transform_PunctuationAndCase_DoNotChangeTheFeatures()
    {
        var a = new FeatureHasher().Transform("Great, thanks!");
        var b = new FeatureHasher().Transform("  great   THANKS ");

        Assert.Equal(a.Indices.ToArray(), b.Indices.ToArray());
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
    }

    [Fact]
    public void Transform_WordOrder_ChangesTheBigrams()
    {
        var a = new FeatureHasher().Transform("not good");
        var b = new FeatureHasher().Transform("good not");

        Assert.NotEqual(a.Indices.ToArray(), b.Indices.ToArray());
    }

    [Fact]
    public void Transform_DifferentSeed_GivesDifferentIndices() =>
        Assert.NotEqual(new FeatureHasher(seed: 0).Transform("shipping delay").Indices.ToArray(), new FeatureHasher(seed: 7).Transform("shipping delay").Indices.ToArray());

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("!!! ... ???")]
    public void Transform_NoWords_IsTheZeroVector(string? text)
    {
        var vector = new FeatureHasher(64).Transform(text);

        Assert.Equal(0, vector.Count);
        Assert.Equal(64, vector.Dimension);
    }
}
