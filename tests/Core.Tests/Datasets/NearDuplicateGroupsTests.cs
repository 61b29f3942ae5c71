using Sentinel.Core.Datasets;

namespace Sentinel.Core.Tests.Datasets;

public sealed class NearDuplicateGroupsTests
{
    [Theory]
    [InlineData("the parcel arrived on monday", "The parcel arrived on Monday!", 1.0)]
    [InlineData("abc", "abd", 0.0)]
    public void Jaccard_OfShingles(string a, string b, double expected) =>
        Assert.Equal(expected, TextShingles.Jaccard(TextShingles.Of(a), TextShingles.Of(b)), 9);

    [Fact]
    public void Jaccard_OneWordDroppedFromALongSentence_IsHigh_AndUnrelatedSentencesLow()
    {
        var a = TextShingles.Of("the delivery was fast and the packaging was excellent, thank you");
        var dropped = TextShingles.Of("the delivery was fast and the packaging was excellent, thanks you");
        var other = TextShingles.Of("it broke after two days and nobody answers my emails");

        Assert.InRange(TextShingles.Jaccard(a, dropped), 0.8, 1.0);
        Assert.InRange(TextShingles.Jaccard(a, other), 0.0, 0.2);
    }

    [Fact]
    public void Find_GroupsNearDuplicatesTransitively_AndKeepsOthersApart()
    {
        string[] texts =
        [
            "I ordered the blue version of the case last week",
            "it is available in three sizes and two colours",
            "I ordered the blue version of the case last week!",
            "i ordered the blue version of this case last week",
            "the manual has twelve pages and a short index",
            "it is available in three sizes and two colors",
        ];

        var groups = NearDuplicateGroups.Find([.. texts.Select(TextShingles.Of)]);

        Assert.Equal([0, 1, 0, 0, 4, 1], groups);
    }

    [Fact]
    public void Find_ABadThreshold_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NearDuplicateGroups.Find([], 0));
}
