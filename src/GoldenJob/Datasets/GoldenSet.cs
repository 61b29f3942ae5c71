namespace Sentinel.GoldenJob.Datasets;

/// <summary>One labelled row of the golden set and where it is: its line (JSON Lines) or row (Parquet), from 1.</summary>
public sealed record GoldenItem(int Position, string Text, string Label);

/// <summary>The rows of a golden set, in file order, and how to point at one of them in a message.</summary>
public sealed record GoldenSet(string Path, GoldenSetFormat Format, IReadOnlyList<GoldenItem> Items)
{
    /// <summary>E.g. <c>/golden/golden.jsonl line 7</c> or <c>golden.parquet row 7</c>.</summary>
    public string Locate(GoldenItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"{Path} {(Format == GoldenSetFormat.JsonLines ? "line" : "row")} {item.Position}";
    }
}

public enum GoldenSetFormat
{
    /// <summary><c>.jsonl</c>: one <c>{"text": "…", "label": "…"}</c> object per line; blank lines are skipped.</summary>
    JsonLines,
    /// <summary><c>.parquet</c>: the dataset format of the retrain (<c>text</c>, <c>label</c>, <c>source</c> string columns).</summary>
    Parquet,
}

/// <summary>
/// The golden set or the settings do not fit what is asked of them (a malformed line, a label the model does not know,
/// an empty set, a batch the model server refuses); the message names the file, the line and the fix. Exit code 2.
/// </summary>
public sealed class GoldenInputException : Exception
{
    public GoldenInputException() { }
    public GoldenInputException(string message) : base(message) { }
    public GoldenInputException(string message, Exception inner) : base(message, inner) { }
}
