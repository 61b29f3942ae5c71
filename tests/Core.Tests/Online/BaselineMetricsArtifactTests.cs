using System.Text;
using System.Text.Json;
using Sentinel.Core.Classification;
using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class BaselineMetricsArtifactTests
{
    private static readonly string[] Labels = ["negative", "neutral", "positive"];

    private static BaselineMetrics FromPairs() => BaselineMetrics.From(ClassificationMetrics.Compute(Labels,
        [("negative", "negative"), ("negative", "neutral"), ("neutral", "neutral"), ("positive", "positive"), ("positive", "positive")]));

    [Fact]
    public void SerializeThenParse_PromotionMetrics_RoundTrips()
    {
        var metrics = FromPairs();

        var parsed = BaselineMetricsArtifact.Parse(BaselineMetricsArtifact.Serialize(metrics));

        Assert.Equal(5, parsed.Count);
        Assert.Equal(0.8, parsed.Accuracy, 12);
        Assert.Equal(metrics.MacroF1, parsed.MacroF1, 12);
        Assert.Equal(BaselineOrigin.Promotion, parsed.Origin);
        Assert.Equal(metrics.PerClass, parsed.PerClass);
        Assert.Equal(0.5, parsed.Class("negative")!.Recall, 12);
        Assert.Null(parsed.Since);
    }

    [Fact]
    public void SerializeThenParse_FirstWindowMetrics_KeepsOriginAndWindow()
    {
        var since = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var metrics = FromPairs() with { Origin = BaselineOrigin.FirstWindow, Since = since, Until = since.AddDays(30) };

        var parsed = BaselineMetricsArtifact.Parse(BaselineMetricsArtifact.Serialize(metrics));

        Assert.Equal(BaselineOrigin.FirstWindow, parsed.Origin);
        Assert.Equal(since, parsed.Since);
        Assert.Equal(since.AddDays(30), parsed.Until);
    }

    [Fact]
    public void Serialize_Metrics_WritesTheDocumentedVersionedShape()
    {
        using var json = JsonDocument.Parse(BaselineMetricsArtifact.Serialize(FromPairs()));

        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("format_version").GetInt32());
        Assert.Equal("promotion", root.GetProperty("origin").GetString());
        Assert.Equal(5, root.GetProperty("rows").GetInt32());
        Assert.Equal(0.8, root.GetProperty("accuracy").GetDouble(), 12);
        var negative = root.GetProperty("per_class")[0];
        Assert.Equal("negative", negative.GetProperty("class").GetString());
        Assert.Equal(2, negative.GetProperty("support").GetInt32());
        Assert.True(root.TryGetProperty("macro_f1", out _));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"format_version": 2, "origin": "promotion", "rows": 5, "accuracy": 0.8, "macro_f1": 0.7, "per_class": []}""")]
    [InlineData("""{"format_version": 1, "origin": "promotion", "rows": 0, "accuracy": 0.8, "macro_f1": 0.7, "per_class": []}""")]
    [InlineData("""{"format_version": 1, "origin": "promotion", "rows": 5, "accuracy": 1.8, "macro_f1": 0.7, "per_class": []}""")]
    [InlineData("""{"format_version": 1, "origin": "guess", "rows": 5, "accuracy": 0.8, "macro_f1": 0.7, "per_class": []}""")]
    [InlineData("""{"format_version": 1, "origin": "promotion", "rows": 5, "accuracy": 0.8, "macro_f1": 0.7}""")]
    [InlineData("""{"format_version": 1, "origin": "promotion", "rows": 5, "accuracy": 0.8, "macro_f1": 0.7, "per_class": [{"class": "a", "precision": 1, "recall": 1, "f1": 1}]}""")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheArtifact(string json)
    {
        var e = Assert.Throws<FormatException>(() => BaselineMetricsArtifact.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith(BaselineMetricsArtifact.Path, e.Message, StringComparison.Ordinal);
    }
}
