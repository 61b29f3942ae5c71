using Sentinel.Core.Datasets;
using Sentinel.GoldenJob.Datasets;
using Sentinel.GoldenJob.Tests.Hosting;

namespace Sentinel.GoldenJob.Tests.Datasets;

public sealed class GoldenSetReaderTests : IDisposable
{
    private readonly GoldenFiles _files = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Read_JsonLines_SkipsBlankLinesIgnoresOtherFieldsAndKeepsLineNumbers()
    {
        var path = _files.WriteLines("set.jsonl",
            "{\"text\": \"refund please\", \"label\": \"billing\", \"id\": 7}",
            "",
            "{\"label\": \"outage\", \"text\": \"down again\"}");

        var set = await GoldenSetReader.ReadAsync(path, 1000, Ct);

        Assert.Equal(GoldenSetFormat.JsonLines, set.Format);
        Assert.Equal([new GoldenItem(1, "refund please", "billing"), new GoldenItem(3, "down again", "outage")], set.Items);
        Assert.Equal($"{path} line 3", set.Locate(set.Items[1]));
    }

    [Fact]
    public async Task Read_MaxItems_StopsAfterTheFirstRows()
    {
        var set = await GoldenSetReader.ReadAsync(_files.WriteJsonl(GoldenFiles.Rows), 5, Ct);

        Assert.Equal(5, set.Items.Count);
        Assert.Equal(GoldenFiles.Rows[4].Text, set.Items[4].Text);
    }

    [Theory]
    [InlineData("[1, 2]", "line 2 is not a JSON object")]
    [InlineData("{\"text\": 5, \"label\": \"billing\"}", "line 2 is not a JSON object")]
    [InlineData("null", "line 2 is null")]
    [InlineData("{\"text\": \"  \", \"label\": \"billing\"}", "line 2 has no text")]
    [InlineData("{\"text\": \"ok\", \"label\": \"\"}", "line 2 has no label")]
    public async Task Read_BadLine_NamesFileAndLine(string line, string message)
    {
        var path = _files.WriteLines("bad.jsonl", "{\"text\": \"fine\", \"label\": \"billing\"}", line);

        var error = await Assert.ThrowsAsync<GoldenInputException>(() => GoldenSetReader.ReadAsync(path, 1000, Ct));

        Assert.StartsWith($"{path} {message}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_Parquet_ReadsTheRetrainDatasetFormatWithRowNumbers()
    {
        var path = await _files.WriteParquetAsync([new DatasetRow("refund", "billing", DatasetSource.Synthetic), new DatasetRow("down", "outage", DatasetSource.Feedback)]);

        var set = await GoldenSetReader.ReadAsync(path, 1000, Ct);

        Assert.Equal([new GoldenItem(1, "refund", "billing"), new GoldenItem(2, "down", "outage")], set.Items);
        Assert.Equal($"{path} row 2", set.Locate(set.Items[1]));
    }

    [Fact]
    public async Task Read_ParquetOfAnotherShape_NamesTheFileAndTheExpectedColumns()
    {
        var path = _files.WriteLines("not-really.parquet", "text,label");

        var error = await Assert.ThrowsAsync<GoldenInputException>(() => GoldenSetReader.ReadAsync(path, 1000, Ct));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("GOLDEN_SET_PATH", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("golden.jsonl", GoldenSetFormat.JsonLines)]
    [InlineData("/golden/SET.JSONL", GoldenSetFormat.JsonLines)]
    [InlineData("golden.parquet", GoldenSetFormat.Parquet)]
    [InlineData("golden.csv", null)]
    [InlineData("golden", null)]
    public void FormatOf_Extension_NamesTheFormat(string path, GoldenSetFormat? format) =>
        Assert.Equal(format, GoldenSetReader.FormatOf(path));
}
