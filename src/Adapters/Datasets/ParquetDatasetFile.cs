using Parquet;
using Parquet.Schema;
using Sentinel.Core.Datasets;

namespace Sentinel.Adapters.Datasets;

/// <summary>
/// The dataset file: Parquet with three required string columns <c>text</c>, <c>label</c> and <c>source</c>
/// (<c>synthetic</c> | <c>feedback</c>) and provenance as key/value file metadata.
/// </summary>
/// <remarks>
/// <see cref="WriteAsync"/> writes beside the target, reads the file back and compares schema, row count, label
/// counts and source counts with what it meant to write; only a file that matches is moved into place.
/// </remarks>
public static class ParquetDatasetFile
{
    private static readonly DataField<string> Text = new("text", false);
    private static readonly DataField<string> Label = new("label", false);
    private static readonly DataField<string> Source = new("source", false);
    private static readonly ParquetSchema Schema = new(Text, Label, Source);

    /// <summary>Writes and verifies <paramref name="rows"/>; throws <see cref="DatasetValidationException"/> when the read-back differs.</summary>
    public static async Task<DatasetSummary> WriteAsync(
        string path, IReadOnlyList<DatasetRow> rows, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metadata);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var partial = path + ".partial";
        try
        {
            await using (var file = File.Create(partial))
            await using (var writer = await ParquetWriter.CreateAsync(Schema, file, cancellationToken: cancellationToken))
            {
                writer.CustomMetadata = metadata.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(Text, rows.Select(r => r.Text).ToArray());
                await group.WriteAsync(Label, rows.Select(r => r.Label).ToArray());
                await group.WriteAsync(Source, rows.Select(r => DatasetRow.SourceName(r.Source)).ToArray());
            }

            var expected = DatasetSummary.Of(rows);
            await VerifyAsync(partial, expected, cancellationToken);
            File.Move(partial, path, overwrite: true);
            return expected;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Reads the file; throws <see cref="DatasetValidationException"/> naming what is wrong with it.</summary>
    public static async Task<(IReadOnlyList<DatasetRow> Rows, IReadOnlyDictionary<string, string> Metadata)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
            var fields = reader.Schema.GetDataFields();
            if (fields.Length != 3 || fields.Where((f, i) => f.Name != Schema.DataFields[i].Name || !IsString(f)).Any())
                throw new DatasetValidationException(
                    $"dataset {path} has columns {string.Join(", ", fields.Select(f => $"{f.Name} ({(IsString(f) ? "String" : f.ClrType.Name)})"))}; expected text, label, source (String)");

            var rows = new List<DatasetRow>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                var columns = new string?[3][];
                for (var c = 0; c < 3; c++)
                {
                    columns[c] = new string?[n];
                    await group.ReadAsync(fields[c], columns[c].AsMemory(), null, cancellationToken);
                }
                for (var i = 0; i < n; i++)
                {
                    var source = DatasetRow.ParseSource(columns[2][i])
                        ?? throw new DatasetValidationException($"dataset {path} row {rows.Count + 1} has source '{columns[2][i]}'; expected synthetic or feedback");
                    if (columns[0][i] is not { } text || columns[1][i] is not { } label)
                        throw new DatasetValidationException($"dataset {path} row {rows.Count + 1} has no text or no label");
                    rows.Add(new DatasetRow(text, label, source));
                }
            }
            return (rows, reader.CustomMetadata ?? new Dictionary<string, string>());
        }
        catch (Exception e) when (e is not DatasetValidationException and not OperationCanceledException)
        {
            throw new DatasetValidationException($"dataset {path} cannot be read as Parquet ({e.Message}); regenerate it", e);
        }
    }

    // Parquet.Net 6 reports UTF-8 string columns it reads as ReadOnlyMemory<char>.
    private static bool IsString(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    /// <summary>Reads the file back and compares it with <paramref name="expected"/>; throws <see cref="DatasetValidationException"/> listing every difference.</summary>
    public static async Task VerifyAsync(string path, DatasetSummary expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var (rows, _) = await ReadAsync(path, cancellationToken);
        var problems = DatasetSummary.Of(rows).DifferencesFrom(expected);
        if (problems.Count > 0)
            throw new DatasetValidationException($"dataset {path} does not hold what was written: {string.Join("; ", problems)}");
    }
}
