using Sentinel.Core.Feedback;

namespace Sentinel.Core.Datasets;

/// <summary>
/// Merges generated rows with labelled feedback (a pure decision: no store, no clock).
/// </summary>
/// <remarks>
/// <para>Of the feedback, the first <c>limit</c> records are considered (callers pass them newest first, as
/// <see cref="IFeedbackStore.GetRecentLabelledAsync"/> returns them). A record becomes a row when it carries a
/// text and a true label from the specialist's label set; otherwise it is skipped and counted by reason.</para>
/// <para>Rating-only records (no true label) are skipped: a rating says whether a prediction was good, not
/// which label was right, so it cannot label a row. Ratings feed the monitor's feedback average instead.</para>
/// <para>Duplicates are found by <see cref="TextNormalizer.Normalize"/>. Feedback wins over generated rows
/// (a person's label beats a generated one); among feedback records with the same text the first (newest) wins.</para>
/// </remarks>
public static class FeedbackMerge
{
    public static MergedDataset Merge(
        IReadOnlyList<DatasetRow> generated, IEnumerable<FeedbackRecord> feedback, IReadOnlyList<string> labels, int limit)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        var labelSet = new HashSet<string>(labels, StringComparer.Ordinal);
        var feedbackRows = new List<DatasetRow>();
        var feedbackKeys = new HashSet<string>(StringComparer.Ordinal);
        int considered = 0, ratingOnly = 0, noText = 0, unknownLabel = 0, duplicateFeedback = 0;

        foreach (var record in feedback.Take(limit))
        {
            considered++;
            if (string.IsNullOrWhiteSpace(record.TrueLabel)) { ratingOnly++; continue; }
            var key = TextNormalizer.Normalize(record.Text);
            if (key.Length == 0) { noText++; continue; }
            if (!labelSet.Contains(record.TrueLabel)) { unknownLabel++; continue; }
            if (!feedbackKeys.Add(key)) { duplicateFeedback++; continue; }
            feedbackRows.Add(new DatasetRow(record.Text!.Trim(), record.TrueLabel, DatasetSource.Feedback));
        }

        var synthetic = new List<DatasetRow>(generated.Count);
        var replaced = 0;
        foreach (var row in generated)
        {
            if (feedbackKeys.Contains(TextNormalizer.Normalize(row.Text))) { replaced++; continue; }
            synthetic.Add(row);
        }

        return new MergedDataset
        {
            Rows = [.. synthetic, .. feedbackRows],
            SyntheticRows = synthetic.Count,
            FeedbackRows = feedbackRows.Count,
            FeedbackConsidered = considered,
            SkippedRatingOnly = ratingOnly,
            SkippedWithoutText = noText,
            SkippedUnknownLabel = unknownLabel,
            SkippedDuplicateFeedback = duplicateFeedback,
            ReplacedSyntheticRows = replaced,
        };
    }
}

/// <summary>The result of <see cref="FeedbackMerge.Merge"/>: the rows and what happened to each input.</summary>
public sealed record MergedDataset
{
    /// <summary>Generated rows (in their order) followed by feedback rows (newest first).</summary>
    public required IReadOnlyList<DatasetRow> Rows { get; init; }
    public required int SyntheticRows { get; init; }
    public required int FeedbackRows { get; init; }
    /// <summary>Feedback records looked at (at most the limit).</summary>
    public required int FeedbackConsidered { get; init; }
    /// <summary>Records with a rating but no true label.</summary>
    public required int SkippedRatingOnly { get; init; }
    public required int SkippedWithoutText { get; init; }
    /// <summary>Records whose true label is not in the specialist's label set.</summary>
    public required int SkippedUnknownLabel { get; init; }
    /// <summary>Records whose text repeats a newer feedback record's.</summary>
    public required int SkippedDuplicateFeedback { get; init; }
    /// <summary>Generated rows dropped because a feedback record has the same text.</summary>
    public required int ReplacedSyntheticRows { get; init; }
}
