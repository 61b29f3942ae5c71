using Sentinel.AutoRetrain.Datasets;

namespace Sentinel.AutoRetrain.Tests.Datasets;

public sealed class GeneratedSampleParserTests
{
    [Theory]
    [InlineData("{\"samples\": [{\"text\": \"a b\", \"label\": \"x\"}]}")]
    [InlineData("[{\"text\": \"a b\", \"label\": \"x\"}]")]
    [InlineData("```json\n{\"samples\": [{\"text\": \"a b\", \"label\": \"x\"}]}\n```")]
    [InlineData("Here you go:\n[{\"Text\": \"a b\", \"Label\": \"x\"}]\nHope this helps!")]
    [InlineData("{\"data\": [{\"text\": \"a b\", \"label\": \"x\"}]}")]
    [InlineData("{\"text\": \"a b\", \"label\": \"x\"}")]
    public void Parse_ShapesModelsProduce_YieldTheSample(string reply)
    {
        var batch = GeneratedSampleParser.Parse(reply);

        Assert.Equal(new CandidateSample("a b", "x"), Assert.Single(batch.Candidates));
        Assert.False(batch.MalformedResponse);
    }

    [Theory]
    [InlineData("I'm sorry, I can't do that.")]
    [InlineData("")]
    [InlineData("{\"samples\": \"none\"}")]
    [InlineData("[{\"text\": \"unterminated")]
    public void Parse_NoUsableJson_IsMalformedResponse(string reply) =>
        Assert.True(GeneratedSampleParser.Parse(reply).MalformedResponse);

    [Fact]
    public void Parse_MixedItems_KeepsGoodOnesAndCountsTheRest()
    {
        var batch = GeneratedSampleParser.Parse("[{\"text\": \"ok\", \"label\": \"x\"}, {\"text\": 5, \"label\": \"x\"}, \"loose\", {\"label\": \"x\"}]");

        Assert.Single(batch.Candidates);
        Assert.Equal(3, batch.MalformedItems);
    }
}
