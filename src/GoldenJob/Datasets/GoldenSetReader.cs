using System.Text.Json;
using System.Text.Json.Serialization;
using Sentinel.Adapters.Datasets;

namespace Sentinel.GoldenJob.Datasets;

/// <summary>
/// Reads the first rows of a golden set: JSON Lines (<c>{"text", "label"}</c> per line, other fields ignored) or the
/// retrain's Parquet dataset format (read with <see cref="ParquetDatasetFile"/>). Every problem is a
/// <see cref="GoldenInputException"/> naming the file and the line or row.
/// </summary>
public static class GoldenSetReader
{
    /// <summary>The format the file's extension names, or null when it names none.</summary>
    public static GoldenSetFormat? FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = System.IO.Path.GetExtension(path.Trim());
        if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase)) return GoldenSetFormat.JsonLines;
        if (extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase)) return GoldenSetFormat.Parquet;
        return null;
    }

    /// <summary>At most <paramref name="maxItems"/> rows, the first ones; an empty set is an error.</summary>
    public static async Task<GoldenSet> ReadAsync(string path, int maxItems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        var format = FormatOf(path) ?? throw new GoldenInputException($"{path} is neither .jsonl nor .parquet; give the golden set one of those extensions");
        var items = format == GoldenSetFormat.JsonLines
            ? await ReadJsonLinesAsync(path, maxItems, cancellationToken)
            : await ReadParquetAsync(path, maxItems, cancellationToken);
        if (items.Count == 0)
            throw new GoldenInputException(format == GoldenSetFormat.JsonLines
                ? $"{path} has no rows; add one {{\"text\": \"…\", \"label\": \"…\"}} object per line"
                : $"{path} has no rows; write a dataset with at least one labelled row");
        return new GoldenSet(path, format, items);
    }

    private static async Task<List<GoldenItem>> ReadJsonLinesAsync(string path, int maxItems, CancellationToken cancellationToken)
    {
        var items = new List<GoldenItem>();
        using var reader = OpenText(path);
        var number = 0;
        while (items.Count < maxItems && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            items.Add(Parse(path, number, line));
        }
        return items;
    }

    private static StreamReader OpenText(string path)
    {
        try
        {
            return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GoldenInputException($"{path} cannot be read ({e.Message}); check GOLDEN_SET_PATH and the file's permissions", e);
        }
    }

    private static GoldenItem Parse(string path, int number, string line)
    {
        GoldenLine? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(line, GoldenLineJson.Default.GoldenLine);
        }
        catch (JsonException e)
        {
            throw new GoldenInputException($"{path} line {number} is not a JSON object with string text and label ({e.Message}); write it as {{\"text\": \"…\", \"label\": \"…\"}}", e);
        }
        if (parsed is null)
            throw new GoldenInputException($"{path} line {number} is null; write it as {{\"text\": \"…\", \"label\": \"…\"}}");
        if (string.IsNullOrWhiteSpace(parsed.Text))
            throw new GoldenInputException($"{path} line {number} has no text; give every line a non-empty \"text\"");
        if (string.IsNullOrWhiteSpace(parsed.Label))
            throw new GoldenInputException($"{path} line {number} has no label; give every line the correct \"label\"");
        return new GoldenItem(number, parsed.Text, parsed.Label.Trim());
    }

    private static async Task<List<GoldenItem>> ReadParquetAsync(string path, int maxItems, CancellationToken cancellationToken)
    {
        try
        {
            var (rows, _) = await ParquetDatasetFile.ReadAsync(path, cancellationToken);
            var items = new List<GoldenItem>(Math.Min(rows.Count, maxItems));
            for (var i = 0; i < rows.Count && items.Count < maxItems; i++)
            {
                if (string.IsNullOrWhiteSpace(rows[i].Text) || string.IsNullOrWhiteSpace(rows[i].Label))
                    throw new GoldenInputException($"{path} row {i + 1} has an empty text or label; every row needs both");
                items.Add(new GoldenItem(i + 1, rows[i].Text, rows[i].Label.Trim()));
            }
            return items;
        }
        catch (DatasetValidationException e)
        {
            throw new GoldenInputException($"{e.Message} (golden set from GOLDEN_SET_PATH)", e);
        }
    }
}

/// <summary>One JSON Lines row as written; both fields are checked after reading.</summary>
internal sealed record GoldenLine(string? Text, string? Label);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GoldenLine))]
internal sealed partial class GoldenLineJson : JsonSerializerContext;
