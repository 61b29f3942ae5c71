namespace Sentinel.Core.Datasets;

/// <summary>Where a training row came from.</summary>
public enum DatasetSource
{
    /// <summary>Generated (by an LLM or the offline generator).</summary>
    Synthetic,
    /// <summary>A feedback record that carried a true label.</summary>
    Feedback,
}

/// <summary>One labelled training row: what the dataset file holds (columns <c>text</c>, <c>label</c>, <c>source</c>).</summary>
public sealed record DatasetRow(string Text, string Label, DatasetSource Source)
{
    /// <summary>The <c>source</c> column's value: <c>synthetic</c> or <c>feedback</c>.</summary>
    public static string SourceName(DatasetSource source) => source switch
    {
        DatasetSource.Synthetic => "synthetic",
        DatasetSource.Feedback => "feedback",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown dataset source"),
    };

    /// <summary>Parses a <c>source</c> column value; null when it is not one of the names.</summary>
    public static DatasetSource? ParseSource(string? value) => value switch
    {
        "synthetic" => DatasetSource.Synthetic,
        "feedback" => DatasetSource.Feedback,
        _ => null,
    };
}
