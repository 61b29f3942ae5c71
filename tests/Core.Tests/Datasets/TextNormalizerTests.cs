using Sentinel.Core.Datasets;

namespace Sentinel.Core.Tests.Datasets;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Great, thanks!", "great thanks")]
    [InlineData("  Über   GUT\t\n2x ", "über gut 2x")]
    [InlineData("...", "")]
    [InlineData(null, "")]
    public void Normalize_Text_IsLowerCaseWordsSeparatedBySingleSpaces(string? input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));
}
