using Sentinel.Core.Datasets;
using Sentinel.Core.Feedback;

namespace Sentinel.Core.Tests.Datasets;

public sealed class FeedbackMergeTests
{
    private static readonly string[] Labels = ["positive", "negative"];
    private static readonly DateTimeOffset At = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static FeedbackRecord Feedback(string? text, string? label, double? rating = null) =>
        new() { SpecialistType = "sentiment", PredictionId = Guid.NewGuid().ToString(), Text = text, TrueLabel = label, Rating = rating, CreatedAt = At };

    private static DatasetRow Generated(string text, string label) => new(text, label, DatasetSource.Synthetic);

    [Fact]
    public void Merge_FeedbackWithSameNormalisedText_ReplacesGeneratedRow()
    {
        var generated = new[] { Generated("I love it!", "negative"), Generated("Awful service", "negative") };

        var merged = FeedbackMerge.Merge(generated, [Feedback("i LOVE it", "positive")], Labels, 1000);

        Assert.Equal(1, merged.ReplacedSyntheticRows);
        Assert.Equal((1, 1), (merged.SyntheticRows, merged.FeedbackRows));
        Assert.Equal(new DatasetRow("i LOVE it", "positive", DatasetSource.Feedback), merged.Rows[^1]);
        Assert.DoesNotContain(merged.Rows, r => r.Text == "I love it!");
    }

    [Fact]
    public void Merge_UnusableFeedback_IsSkippedAndCountedByReason()
    {
        FeedbackRecord[] feedback =
        [
            Feedback("fine product", null, rating: 0.9),
            Feedback("   ", "positive"),
            Feedback(null, "negative"),
            Feedback("meh", "neutral"),
            Feedback("Broken on arrival", "negative"),
            Feedback("broken on arrival.", "positive"),
        ];

        var merged = FeedbackMerge.Merge([], feedback, Labels, 1000);

        Assert.Equal(1, merged.SkippedRatingOnly);
        Assert.Equal(2, merged.SkippedWithoutText);
        Assert.Equal(1, merged.SkippedUnknownLabel);
        Assert.Equal(1, merged.SkippedDuplicateFeedback);
        Assert.Equal("negative", Assert.Single(merged.Rows).Label); // the first (newest) record wins
        Assert.Equal(6, merged.FeedbackConsidered);
    }

    [Fact]
    public void Merge_MoreFeedbackThanLimit_ConsidersOnlyTheFirstRecords()
    {
        var feedback = Enumerable.Range(0, 10).Select(i => Feedback($"text {i}", "positive"));

        var merged = FeedbackMerge.Merge([Generated("text 7", "negative")], feedback, Labels, limit: 3);

        Assert.Equal(3, merged.FeedbackRows);
        Assert.Equal(0, merged.ReplacedSyntheticRows);
        Assert.Contains(merged.Rows, r => r is { Text: "text 7", Source: DatasetSource.Synthetic });
    }

    private static DatasetRow Previous(string text, string label, DatasetSource source = DatasetSource.Synthetic) => new(text, label, source);

    [Fact]
    public void Merge_WithPreviousRows_KeepsThemAll_AddsOnlyNewFeedback_AndLetsUsersRelabel()
    {
        DatasetRow[] previous =
        [
            Previous("great value", "positive"),
            Previous("arrived broken", "positive", DatasetSource.Feedback), // a label users correct below
            Previous("slow delivery", "negative", DatasetSource.Feedback),
        ];
        FeedbackRecord[] feedback =
        [
            Feedback("Arrived broken!", "negative"),
            Feedback("slow delivery", "negative"),
            Feedback("would buy again", "positive"),
        ];

        var merged = FeedbackMerge.Merge(previous, [Generated("great value", "negative"), Generated("fine", "positive")], feedback, Labels, 1000);

        Assert.Equal(
            [("great value", "positive"), ("slow delivery", "negative"), ("fine", "positive"), ("Arrived broken!", "negative"), ("would buy again", "positive")],
            merged.Rows.Select(r => (r.Text, r.Label)));
        Assert.Equal((2, 1, 2), (merged.PreviousRows, merged.SyntheticRows, merged.FeedbackRows));
        Assert.Equal((1, 1, 1), (merged.RelabelledPreviousRows, merged.FeedbackAlreadyKnown, merged.ReplacedSyntheticRows));
    }

    [Fact]
    public void Merge_GeneratedRowNeverReplacesAPreviousRealRow()
    {
        var merged = FeedbackMerge.Merge([Previous("late again", "negative", DatasetSource.Feedback)], [Generated("Late again.", "positive")], [], Labels, 1000);

        var row = Assert.Single(merged.Rows);
        Assert.Equal(("late again", "negative", DatasetSource.Feedback), (row.Text, row.Label, row.Source));
    }

    [Fact]
    public void Merge_LabelledRecordsWithoutText_AreCountedAsNotMerged()
    {
        var merged = FeedbackMerge.Merge([], [], [Feedback(null, "negative"), Feedback("ok", "neutral"), Feedback("fine", null, 0.8)], Labels, 1000);

        Assert.Equal(2, merged.LabelledNotMerged);
        Assert.Empty(merged.Rows);
    }
}
