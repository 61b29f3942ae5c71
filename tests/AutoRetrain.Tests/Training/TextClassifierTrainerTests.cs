using System.Diagnostics;
using Sentinel.Adapters.Inference;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Tests.Training;

public sealed class TextClassifierTrainerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task TrainAsync_SeparableRows_ScoresWellAboveChance()
    {
        var trained = await TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, SyntheticRows.Create(100), Generous, TestContext.Current.CancellationToken);

        output.WriteLine($"300 rows: trained, exported and evaluated in {trained.Duration.TotalMilliseconds:F0} ms");
        Assert.True(trained.Evaluation.Accuracy > 0.85, $"accuracy {trained.Evaluation.Accuracy}");
        Assert.True(trained.Evaluation.MacroF1 > 0.85, $"macro F1 {trained.Evaluation.MacroF1}");
        Assert.Equal(trained.EvaluationSet.Count, trained.Evaluation.Count);
        Assert.Equal(SyntheticRows.Labels, trained.LabelMap.Labels);
    }

    [Fact]
    public async Task TrainAsync_Split_HoldsOutRowsByTheEvaluationRule_AndTrainsEveryLabel()
    {
        var rows = SyntheticRows.Create(40);

        var trained = await TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, rows, Generous, TestContext.Current.CancellationToken);

        var expected = EvaluationSplit.Assign(new EvaluationSplitInputs { Rows = rows, EvaluationFraction = 0.2, Salt = "support" });
        Assert.Equal(expected.Evaluation, trained.EvaluationSet);
        Assert.Equal(expected.Training, trained.TrainingSet);
        Assert.InRange(trained.EvaluationSet.Count, 12, 40);
        Assert.All(SyntheticRows.Labels, l => Assert.Contains(trained.TrainingSet, r => r.Label == l));
    }

    [Fact]
    public async Task TrainAsync_NoEvaluationRows_TrainsWithAnEmptyReport()
    {
        var rows = SyntheticRows.Create(10);

        var trained = await TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, rows, [], Generous, TestContext.Current.CancellationToken);

        Assert.True(trained.Evaluation.IsEmpty);
        Assert.Empty(trained.EvaluationPredictions);
        Assert.Equal(rows.Count, trained.TrainingRows);
    }

    [Fact]
    public async Task OnnxModel_InOnnxTextClassifier_PredictsWhatMlNetPredicts()
    {
        var trained = await TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, SyntheticRows.Create(100), Generous, TestContext.Current.CancellationToken);
        using var classifier = new OnnxTextClassifier(trained.OnnxModel, trained.LabelMap);
        var texts = trained.EvaluationSet.Select(r => r.Text).ToList();

        var watch = Stopwatch.StartNew();
        var batch = classifier.PredictBatch(texts);
        watch.Stop();

        output.WriteLine($"ONNX inference: {watch.Elapsed.TotalMicroseconds / texts.Count:F1} µs per row over {texts.Count} rows; batches natively: {classifier.BatchesNatively}");
        Assert.Equal(trained.EvaluationPredictions, batch.Select(p => p.Label));
        Assert.All(batch, p => Assert.Equal(1.0, p.Scores.Values.Sum(), 1e-4));
    }

    [Fact]
    public async Task TrainAsync_TimeoutShorterThanFit_ThrowsTrainingTimeout()
    {
        // The exception itself shows the budget was enforced (a fit that ran to the end returns a model instead).
        var error = await Assert.ThrowsAsync<TrainingTimeoutException>(() =>
            TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, SyntheticRows.Create(3000), TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromMilliseconds(50), error.Timeout);
        Assert.Contains("trainingTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, SyntheticRows.Create(20), Generous, cancelled.Token));
    }

    [Fact]
    public async Task TrainAsync_LabelWithoutTrainingRows_ThrowsNamingTheLabel()
    {
        var rows = SyntheticRows.Create(10);
        var training = rows.Where(r => r.Label != "praise").ToList();
        var evaluation = rows.Where(r => r.Label == "praise").ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, training, evaluation, Generous, TestContext.Current.CancellationToken));

        Assert.Contains("none for: praise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAsync_ALabelWithOneRow_TrainsOnIt()
    {
        var rows = SyntheticRows.Create(10).Where(r => r.Label != "praise").Append(new DatasetRow("great", "praise", DatasetSource.Feedback)).ToList();

        var trained = await TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, rows, Generous, TestContext.Current.CancellationToken);

        Assert.Contains(trained.TrainingSet, r => r.Label == "praise");
        Assert.DoesNotContain(trained.EvaluationSet, r => r.Label == "praise");
    }
}
