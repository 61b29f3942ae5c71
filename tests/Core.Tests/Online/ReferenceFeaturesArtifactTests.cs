using System.Text;
using System.Text.Json;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class ReferenceFeaturesArtifactTests
{
    private static readonly string[] Texts =
        ["the delivery was fast", "great screen, solid battery", "", "refund refused again", "Lovely app! Friendly support."];

    [Fact]
    public void SerializeThenParse_Sample_GivesTheSameVectorsAndSettings()
    {
        var reference = ReferenceFeatures.Sample(Texts, size: 10, seed: 3);

        var parsed = ReferenceFeaturesArtifact.Parse(ReferenceFeaturesArtifact.Serialize(reference));

        Assert.Equal(FeatureHasher.DefaultDimension, parsed.Dimension);
        Assert.Equal(0u, parsed.HashSeed);
        Assert.Equal(Texts.Length, parsed.Vectors.Count);
        for (var i = 0; i < Texts.Length; i++)
        {
            var expected = FeatureHasher.Default.Transform(Texts[i]);
            Assert.Equal(expected.Indices.ToArray(), parsed.Vectors[i].Indices.ToArray());
            Assert.Equal(expected.Values.ToArray(), parsed.Vectors[i].Values.ToArray());
        }
    }

    [Fact]
    public void Serialize_Sample_WritesTheDocumentedVersionedShape()
    {
        var reference = new ReferenceFeatures(8, 5, [new SparseVector(8, [1, 6], [0.6f, -0.8f])]);

        using var json = JsonDocument.Parse(ReferenceFeaturesArtifact.Serialize(reference));

        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("format_version").GetInt32());
        Assert.Equal("xxhash32-words-bigrams-signed-l2", root.GetProperty("hasher").GetString());
        Assert.Equal(8, root.GetProperty("dimension").GetInt32());
        Assert.Equal(5u, root.GetProperty("hash_seed").GetUInt32());
        var vector = Assert.Single(root.GetProperty("vectors").EnumerateArray().ToList());
        Assert.Equal([1, 6], vector.GetProperty("indices").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0.6f, -0.8f], vector.GetProperty("values").EnumerateArray().Select(e => e.GetSingle()));
    }

    [Fact]
    public void Sample_MoreTextsThanTheSize_KeepsSizeDistinctTextsReproducibly()
    {
        var texts = Enumerable.Range(0, 100).Select(i => $"text number {i}").ToList();

        var first = ReferenceFeatures.Sample(texts, size: 20, seed: 7);
        var again = ReferenceFeatures.Sample(texts, size: 20, seed: 7);

        Assert.Equal(20, first.Vectors.Count);
        var keys = first.Vectors.Select(Key).ToList();
        Assert.Equal(20, keys.Distinct().Count());
        Assert.Equal(keys, again.Vectors.Select(Key));
        Assert.All(keys, k => Assert.Contains(k, texts.Select(t => Key(FeatureHasher.Default.Transform(t)))));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("null", "holds null")]
    [InlineData("""{"format_version": 2, "hasher": "xxhash32-words-bigrams-signed-l2", "dimension": 4, "hash_seed": 0, "vectors": []}""", "format version 2")]
    [InlineData("""{"hasher": "xxhash32-words-bigrams-signed-l2", "dimension": 4, "hash_seed": 0, "vectors": []}""", "format version (none)")]
    [InlineData("""{"format_version": 1, "hasher": "murmur3", "dimension": 4, "hash_seed": 0, "vectors": []}""", "hasher is 'murmur3'")]
    [InlineData("""{"format_version": 1, "hasher": "xxhash32-words-bigrams-signed-l2", "hash_seed": 0, "vectors": []}""", "lacks 'dimension'")]
    [InlineData("""{"format_version": 1, "hasher": "xxhash32-words-bigrams-signed-l2", "dimension": 4, "hash_seed": 0, "vectors": [{"indices": [1, 9], "values": [0.5, 0.5]}]}""", "lies in [0, 4)")]
    [InlineData("""{"format_version": 1, "hasher": "xxhash32-words-bigrams-signed-l2", "dimension": 4, "hash_seed": 0, "vectors": [{"indices": [2, 1], "values": [0.5, 0.5]}]}""", "strictly increasing")]
    [InlineData("""{"format_version": 1, "hasher": "xxhash32-words-bigrams-signed-l2", "dimension": 4, "hash_seed": 0, "vectors": [{"indices": [1]}]}""", "lacks 'indices' or 'values'")]
    [InlineData("""{"format_version": 1, "hasher": "xxhash32-words-bigrams-signed-l2", "dimension": 4, "hash_seed": 0, "vectors": [{"indices": [1], "values": ["x"]}]}""", "not valid JSON")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheArtifactAndTheProblem(string json, string problem)
    {
        var error = Assert.Throws<FormatException>(() => ReferenceFeaturesArtifact.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith(ReferenceFeaturesArtifact.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static string Key(SparseVector v) => string.Join(',', v.Indices.ToArray()) + "|" + string.Join(',', v.Values.ToArray());
}
