using Sentinel.Core.Datasets;

namespace Sentinel.Core.Tests.Datasets;

public sealed class EvaluationSplitTests
{
    private static readonly string[] Vocabulary =
    [
        "delivery", "parcel", "support", "refund", "screen", "battery", "colour", "price", "manual", "box", "evening", "update",
        "quality", "app", "order", "size", "team", "email", "crash", "handle", "cable", "charger", "warranty", "store",
    ];

    /// <summary>Base sentences and near-duplicates of them (a word dropped, two swapped, a word added), shuffled.</summary>
    private static List<DatasetRow> RowsWithNearDuplicates(int seed, int bases, int variantsPerBase)
    {
        var random = new Random(seed);
        var rows = new List<DatasetRow>();
        for (var b = 0; b < bases; b++)
        {
            var words = Enumerable.Range(0, random.Next(6, 14)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]).ToList();
            var label = b % 3 == 0 ? "negative" : b % 3 == 1 ? "positive" : "neutral";
            rows.Add(new DatasetRow(string.Join(' ', words), label, DatasetSource.Synthetic));
            for (var v = 0; v < variantsPerBase; v++)
            {
                var variant = words.ToList();
                switch (random.Next(3))
                {
                    case 0: variant.RemoveAt(random.Next(variant.Count)); break;
                    case 1: var at = random.Next(variant.Count - 1); (variant[at], variant[at + 1]) = (variant[at + 1], variant[at]); break;
                    default: variant.Insert(random.Next(variant.Count), Vocabulary[random.Next(Vocabulary.Length)]); break;
                }
                rows.Add(new DatasetRow(string.Join(' ', variant) + (v % 2 == 0 ? "!" : ""), label, DatasetSource.Feedback));
            }
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        return [.. rows.DistinctBy(r => TextNormalizer.Normalize(r.Text))];
    }

    private static EvaluationSplitResult Split(IReadOnlyList<DatasetRow> rows, IReadOnlyList<DatasetRow>? previous = null, IReadOnlyList<DatasetRow>? championTraining = null) =>
        EvaluationSplit.Assign(new EvaluationSplitInputs
        {
            Rows = rows, PreviousEvaluation = previous ?? [], ChampionTraining = championTraining, EvaluationFraction = 0.2, Salt = "sentiment",
        });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Assign_NoEvaluationRowIsWithinTheThresholdOfAnyTrainingRow(int seed)
    {
        var rows = RowsWithNearDuplicates(seed, bases: 60, variantsPerBase: 3);

        var split = Split(rows);

        Assert.NotEmpty(split.Evaluation);
        Assert.NotEmpty(split.Training);
        var training = split.Training.Select(r => TextShingles.Of(r.Text)).ToList();
        foreach (var row in split.Evaluation)
        {
            var shingles = TextShingles.Of(row.Text);
            var closest = training.Max(t => TextShingles.Jaccard(shingles, t));
            Assert.True(closest < NearDuplicateGroups.DefaultThreshold, $"'{row.Text}' is {closest:0.00} alike a training row");
        }
        // The variants really are near-duplicates: grouping found them, so the property above is not vacuous.
        Assert.True(split.NearDuplicateRows > rows.Count / 3, $"{split.NearDuplicateRows} near-duplicate rows of {rows.Count}");
    }

    [Fact]
    public void Assign_PartitionsTheRows_AndTheComparisonIsPartOfTheEvaluationSet()
    {
        var rows = RowsWithNearDuplicates(7, bases: 80, variantsPerBase: 2);

        var split = Split(rows);

        Assert.Equal(rows.Count, split.Training.Count + split.Evaluation.Count);
        Assert.Empty(split.Training.Intersect(split.Evaluation));
        Assert.Equal(split.Evaluation, split.Comparison);
        Assert.InRange(split.Evaluation.Count / (double)rows.Count, 0.08, 0.35);
    }

    [Fact]
    public void Assign_ATextLandsOnTheSameSide_WhateverElseIsInTheDataset()
    {
        var first = RowsWithNearDuplicates(11, bases: 50, variantsPerBase: 0);
        var others = RowsWithNearDuplicates(12, bases: 50, variantsPerBase: 0);

        var alone = Split(first);
        var together = Split([.. others, .. first]);

        var heldOut = together.Evaluation.Select(r => r.Text).ToHashSet();
        foreach (var row in first)
            Assert.Equal(alone.Evaluation.Contains(row), heldOut.Contains(row.Text));
    }

    [Fact]
    public void Assign_PreviousEvaluationRowsStayEvaluation_AndPullTheirNearDuplicatesWithThem()
    {
        var previous = new List<DatasetRow>
        {
            new("the parcel arrived on monday morning", "neutral", DatasetSource.Feedback),
            new("support answered within five minutes, great", "positive", DatasetSource.Feedback),
        };
        var rows = RowsWithNearDuplicates(5, bases: 30, variantsPerBase: 0);
        rows.Add(new DatasetRow("The parcel arrived on Monday morning!!", "neutral", DatasetSource.Synthetic)); // same normal form
        rows.Add(new DatasetRow("the parcel arrived on monday mornings", "neutral", DatasetSource.Synthetic)); // near-duplicate

        var split = Split(rows, previous);

        Assert.Contains(split.Evaluation, r => r.Text == "support answered within five minutes, great");
        Assert.Contains(split.Evaluation, r => r.Text == "The parcel arrived on Monday morning!!");
        Assert.Contains(split.Evaluation, r => r.Text == "the parcel arrived on monday mornings");
        Assert.DoesNotContain(split.Evaluation, r => r.Text == "the parcel arrived on monday morning"); // one row per normal form: this retrain's
    }

    [Fact]
    public void Assign_RowsNearWhatTheChampionTrainedOn_TrainAndNeverEnterTheComparison()
    {
        var rows = RowsWithNearDuplicates(9, bases: 60, variantsPerBase: 0);
        var heldOutAlone = Split(rows).Evaluation;
        var championTraining = heldOutAlone.Take(3).Select(r => r with { Text = r.Text + " indeed" }).ToList();
        var previous = new List<DatasetRow> { heldOutAlone[3] with { Text = heldOutAlone[3].Text + " again" } };

        var split = Split(rows, previous, championTraining);

        foreach (var row in heldOutAlone.Take(3)) Assert.Contains(row, split.Training);
        // Evaluation (it was held out before) but the champion trained on a near-duplicate: not compared on.
        var contaminated = Split(rows, [heldOutAlone[3]], [heldOutAlone[3] with { Text = heldOutAlone[3].Text + " indeed" }]);
        Assert.Contains(heldOutAlone[3], contaminated.Evaluation);
        Assert.DoesNotContain(heldOutAlone[3], contaminated.Comparison);
        Assert.Equal(1, contaminated.ExcludedNearChampionTraining);
        Assert.True(split.ChampionTrainingKnown);
        Assert.False(Split(rows).ChampionTrainingKnown);
    }

    [Fact]
    public void Assign_ALabelThatLandedOnlyInEvaluation_GetsItsLargestGroupMovedToTraining()
    {
        // Find a text the hash holds out, and make it (with its near-duplicates) the only rows of a label.
        var candidates = RowsWithNearDuplicates(21, bases: 40, variantsPerBase: 0);
        var heldOut = Split(candidates).Evaluation[0];
        var rows = candidates.Where(r => r != heldOut).Select(r => r with { Label = "common" }).ToList();
        rows.Add(heldOut with { Label = "rare" });
        rows.Add(heldOut with { Text = heldOut.Text + " x", Label = "rare" });

        var split = Split(rows);

        Assert.Equal(2, split.Training.Count(r => r.Label == "rare"));
        Assert.Equal(1, split.MovedToTraining);
    }

    [Fact]
    public void Assign_RowsNearTheGoldenSet_NeverTrain()
    {
        var rows = RowsWithNearDuplicates(13, bases: 60, variantsPerBase: 0);
        var training = Split(rows).Training;
        var golden = training.Take(10).Select(r => r with { Text = r.Text + " indeed" }).ToList();

        var split = EvaluationSplit.Assign(new EvaluationSplitInputs { Rows = rows, Reserved = golden, EvaluationFraction = 0.2, Salt = "sentiment" });

        foreach (var row in training.Take(10)) Assert.Contains(row, split.Evaluation);
        Assert.DoesNotContain(split.Training, r => golden.Exists(g => TextShingles.Jaccard(TextShingles.Of(g.Text), TextShingles.Of(r.Text)) >= NearDuplicateGroups.DefaultThreshold));
        Assert.DoesNotContain(split.Evaluation, r => golden.Contains(r)); // the golden set is not added to the evaluation set
    }

    [Fact]
    public void InEvaluationFraction_IsAStableFunctionOfSaltAndText()
    {
        var keys = Enumerable.Range(0, 4000).Select(i => $"text number {i}").ToList();

        var share = keys.Count(k => EvaluationSplit.InEvaluationFraction("sentiment", k, 0.2)) / (double)keys.Count;

        Assert.InRange(share, 0.17, 0.23);
        Assert.Equal(keys.Select(k => EvaluationSplit.InEvaluationFraction("sentiment", k, 0.2)), keys.Select(k => EvaluationSplit.InEvaluationFraction("sentiment", k, 0.2)));
        Assert.NotEqual(keys.Select(k => EvaluationSplit.InEvaluationFraction("sentiment", k, 0.2)), keys.Select(k => EvaluationSplit.InEvaluationFraction("technical", k, 0.2)));
        // Pinned: the assignment must not change between releases, or rows would change sides.
        Assert.Equal([false, false, false, false, true], keys.Take(5).Select(k => EvaluationSplit.InEvaluationFraction("sentiment", k, 0.2)));
    }
}
