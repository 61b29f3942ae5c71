using Microsoft.Extensions.Options;
using Sentinel.AutoRetrain.Datasets;

namespace Sentinel.AutoRetrain.Tests.Datasets;

public sealed class PromptLibraryTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sentinel-prompts-");

    private PromptLibrary Library(string? dir) => new(Options.Create(new DatasetGenerationOptions { PromptsDirectory = dir }));

    [Fact]
    public void Render_EmbeddedDefault_FillsEveryPlaceholder()
    {
        var prompt = Library(null).Render(Specialists.Sentiment(), batchSize: 25);

        Assert.Equal(PromptLibrary.EmbeddedName, prompt.Source);
        Assert.Contains("Write 25 new", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("positive, negative, neutral", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("- [negative] Terrible quality", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("JSON", prompt.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", prompt.Text, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", prompt.Sha256);
    }

    [Fact]
    public void Render_HashFollowsTheRenderedText()
    {
        var library = Library(null);
        var specialist = Specialists.Sentiment();

        var first = library.Render(specialist, 25).Sha256;

        Assert.Equal(first, library.Render(specialist, 25).Sha256);
        Assert.NotEqual(first, library.Render(specialist, 10).Sha256);
        Assert.NotEqual(first, library.Render(specialist with { Examples = specialist.Examples.Skip(1).ToList() }, 25).Sha256);
    }

    [Fact]
    public void Render_FileForTheSpecialistType_OverridesDefault()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "default.md"), "generic {{labels}}");
        File.WriteAllText(Path.Combine(_dir.FullName, "sentiment.md"), "Give {{ batchSize }} {{specialistType}} samples as JSON.");

        var prompt = Library(_dir.FullName).Render(Specialists.Sentiment(), 5);

        Assert.Equal("Give 5 sentiment samples as JSON.", prompt.Text);
        Assert.Equal(Path.Combine(_dir.FullName, "sentiment.md"), prompt.Source);
    }

    [Fact]
    public void Render_UnknownPlaceholder_ThrowsNamingIt()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "default.md"), "{{lables}}");

        var error = Assert.Throws<InvalidOperationException>(() => Library(_dir.FullName).Render(Specialists.Sentiment(), 5));

        Assert.Contains("{{lables}}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
