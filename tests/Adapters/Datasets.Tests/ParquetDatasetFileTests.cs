using Parquet.Serialization;
using Sentinel.Adapters.Datasets;
using Sentinel.Core.Datasets;

namespace Sentinel.Adapters.Datasets.Tests;

public sealed class ParquetDatasetFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sentinel-datasets-");
    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    private static readonly DatasetRow[] Rows =
    [
        new("love it", "positive", DatasetSource.Synthetic),
        new("broken, ça ne marche pas", "negative", DatasetSource.Synthetic),
        new("as described", "neutral", DatasetSource.Feedback),
        new("great", "positive", DatasetSource.Feedback),
    ];

    [Fact]
    public async Task WriteThenRead_RoundTripsRowsAndMetadata()
    {
        var path = PathOf("sentiment.parquet");

        var summary = await ParquetDatasetFile.WriteAsync(path, Rows, new Dictionary<string, string> { ["prompt_hash"] = "abc" }, TestContext.Current.CancellationToken);
        var (rows, metadata) = await ParquetDatasetFile.ReadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(Rows, rows);
        Assert.Equal("abc", metadata["prompt_hash"]);
        Assert.Equal(4, summary.Rows);
        Assert.Equal(2, summary.LabelCounts["positive"]);
        Assert.Equal(2, summary.SourceCounts["feedback"]);
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public async Task Verify_CountsDifferFromFile_ThrowsListingEveryDifference()
    {
        var path = PathOf("sentiment.parquet");
        var written = await ParquetDatasetFile.WriteAsync(path, Rows, new Dictionary<string, string>(), TestContext.Current.CancellationToken);
        var expected = DatasetSummary.Of([.. Rows, new DatasetRow("meh", "neutral", DatasetSource.Synthetic)]);

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => ParquetDatasetFile.VerifyAsync(path, expected, TestContext.Current.CancellationToken));

        Assert.Contains("4 rows, expected 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("label 'neutral': 1 rows, expected 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("source 'synthetic': 2 rows, expected 3", error.Message, StringComparison.Ordinal);
        Assert.Empty(DatasetSummary.Of(Rows).DifferencesFrom(written));
    }

    [Fact]
    public async Task Read_TruncatedFile_ThrowsDatasetValidation()
    {
        var path = PathOf("sentiment.parquet");
        await ParquetDatasetFile.WriteAsync(path, Rows, new Dictionary<string, string>(), TestContext.Current.CancellationToken);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => ParquetDatasetFile.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("cannot be read as Parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_OtherSchema_ThrowsNamingTheColumns()
    {
        var path = PathOf("other.parquet");
        await ParquetSerializer.SerializeAsync(new[] { new OtherRow { Text = "a", Score = 1 } }, path, cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => ParquetDatasetFile.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("has columns Text (String), Score (Int32); expected text, label, source", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private sealed class OtherRow
    {
        public string Text { get; set; } = "";
        public int Score { get; set; }
    }
}
