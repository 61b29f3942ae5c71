using Sentinel.Core.Feedback;

namespace Sentinel.Core.Datasets;

/// <summary>
/// Builds a retrain's rows from the champion's training rows, newly generated rows and labelled feedback (a pure
/// decision: no store, no clock).
/// </summary>
/// <remarks>
/// <para>Of the feedback, the first <c>limit</c> records are considered (callers pass them newest first, as
/// <see cref="IFeedbackStore.GetRecentLabelledAsync"/> returns them). A record becomes a row when it carries a
/// text and a true label from the specialist's label set; otherwise it is skipped and counted by reason.</para>
/// <para>Rating-only records (no true label) are skipped: a rating says whether a prediction was good, not
/// which label was right, so it cannot label a row. Ratings feed the monitor's feedback average instead.</para>
/// <para>Duplicates are found by <see cref="TextNormalizer.Normalize"/>. A person's newest label wins: feedback
/// replaces a previous row with the same text and another label (counted as relabelled) and a generated row; a
/// feedback record that repeats a previous row exactly adds nothing (counted as already known). Previous rows win over
/// generated ones: real rows are never replaced by synthetic ones. Among feedback records with the same text the
/// first (newest) wins.</para>
/// </remarks>
public static class FeedbackMerge
{
    /// <summary>Generated rows and feedback, with no previous training set (a first model).</summary>
    public static MergedDataset Merge(
        IReadOnlyList<DatasetRow> generated, IEnumerable<FeedbackRecord> feedback, IReadOnlyList<string> labels, int limit) =>
        Merge([], generated, feedback, labels, limit);

    public static MergedDataset Merge(
        IReadOnlyList<DatasetRow> previous, IReadOnlyList<DatasetRow> generated, IEnumerable<FeedbackRecord> feedback, IReadOnlyList<string> labels, int limit)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        var labelSet = new HashSet<string>(labels, StringComparer.Ordinal);
        var previousLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in previous) previousLabels.TryAdd(TextNormalizer.Normalize(row.Text), row.Label);

        var feedbackRows = new List<DatasetRow>();
        var feedbackKeys = new HashSet<string>(StringComparer.Ordinal);
        var relabelled = new HashSet<string>(StringComparer.Ordinal);
        int considered = 0, ratingOnly = 0, noText = 0, unknownLabel = 0, duplicateFeedback = 0, known = 0;
        foreach (var record in feedback.Take(limit))
        {
            considered++;
            if (string.IsNullOrWhiteSpace(record.TrueLabel)) { ratingOnly++; continue; }
            var key = TextNormalizer.Normalize(record.Text);
            if (key.Length == 0) { noText++; continue; }
            if (!labelSet.Contains(record.TrueLabel)) { unknownLabel++; continue; }
            if (!feedbackKeys.Add(key)) { duplicateFeedback++; continue; }
            if (previousLabels.TryGetValue(key, out var before))
            {
                if (before == record.TrueLabel) { known++; continue; }
                relabelled.Add(key);
            }
            feedbackRows.Add(new DatasetRow(record.Text!.Trim(), record.TrueLabel, DatasetSource.Feedback));
        }

        // The texts taken so far: the added feedback rows', then the kept previous rows'.
        var keys = feedbackRows.Select(r => TextNormalizer.Normalize(r.Text)).ToHashSet(StringComparer.Ordinal);
        var kept = new List<DatasetRow>(previous.Count);
        var relabelledRows = 0;
        foreach (var row in previous)
        {
            var key = TextNormalizer.Normalize(row.Text);
            if (relabelled.Contains(key)) { relabelledRows++; continue; }
            if (key.Length > 0 && keys.Add(key)) kept.Add(row);
        }

        var synthetic = new List<DatasetRow>(generated.Count);
        var replaced = 0;
        foreach (var row in generated)
        {
            if (!keys.Add(TextNormalizer.Normalize(row.Text))) { replaced++; continue; }
            synthetic.Add(row);
        }

        return new MergedDataset
        {
            Rows = [.. kept, .. synthetic, .. feedbackRows],
            PreviousRows = kept.Count,
            SyntheticRows = synthetic.Count,
            FeedbackRows = feedbackRows.Count,
            FeedbackConsidered = considered,
            FeedbackAlreadyKnown = known,
            RelabelledPreviousRows = relabelledRows,
            SkippedRatingOnly = ratingOnly,
            SkippedWithoutText = noText,
            SkippedUnknownLabel = unknownLabel,
            SkippedDuplicateFeedback = duplicateFeedback,
            ReplacedSyntheticRows = replaced,
        };
    }
}

/// <summary>The result of <see cref="FeedbackMerge.Merge(IReadOnlyList{DatasetRow}, IReadOnlyList{DatasetRow}, IEnumerable{FeedbackRecord}, IReadOnlyList{string}, int)"/>: the rows and what happened to each input.</summary>
public sealed record MergedDataset
{
    /// <summary>Previous rows kept (in their order), then generated rows, then new feedback rows (newest first).</summary>
    public required IReadOnlyList<DatasetRow> Rows { get; init; }
    /// <summary>Rows of the champion's training set carried over.</summary>
    public int PreviousRows { get; init; }
    /// <summary>Newly generated rows kept.</summary>
    public required int SyntheticRows { get; init; }
    /// <summary>Feedback rows added by this merge (new texts, or new labels for known texts).</summary>
    public required int FeedbackRows { get; init; }
    /// <summary>Feedback records looked at (at most the limit).</summary>
    public required int FeedbackConsidered { get; init; }
    /// <summary>Labelled records whose text and label the previous training set already holds.</summary>
    public int FeedbackAlreadyKnown { get; init; }
    /// <summary>Previous rows dropped because newer feedback gives their text another label.</summary>
    public int RelabelledPreviousRows { get; init; }
    /// <summary>Records with a rating but no true label.</summary>
    public required int SkippedRatingOnly { get; init; }
    public required int SkippedWithoutText { get; init; }
    /// <summary>Records whose true label is not in the specialist's label set.</summary>
    public required int SkippedUnknownLabel { get; init; }
    /// <summary>Records whose text repeats a newer feedback record's.</summary>
    public required int SkippedDuplicateFeedback { get; init; }
    /// <summary>Generated rows dropped because a feedback record or a previous row has the same text.</summary>
    public required int ReplacedSyntheticRows { get; init; }

    /// <summary>Labelled records that could have become rows but could not (no text, a label the specialist does not have).</summary>
    public int LabelledNotMerged => SkippedWithoutText + SkippedUnknownLabel;
}
