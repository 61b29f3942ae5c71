using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Sentinel.Adapters.Inference;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Training;

/// <summary>
/// Trains the built-in text classifier on a merged dataset: stratified split (see <see cref="StratifiedSplit"/>),
/// ML.NET fit under a timeout, ONNX export, and evaluation on the held-out rows with <see cref="ClassificationMetrics"/>.
/// </summary>
public sealed partial class TextClassifierTrainer(IOptions<TrainingOptions> options, TimeProvider time, ILogger<TextClassifierTrainer> logger)
{
    /// <summary>
    /// Trains on <paramref name="rows"/>. Throws <see cref="ArgumentException"/> when the rows cannot train a
    /// classifier of <paramref name="labels"/> (a label with fewer than two rows, a row outside the label set),
    /// <see cref="TrainingTimeoutException"/> when <paramref name="timeout"/> passes, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<TrainedClassifier> TrainAsync(
        string specialist, IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> rows, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        CheckTrainable(labels, rows);
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();

        var (train, evaluation) = StratifiedSplit.Split(rows, r => r.Label, o.EvaluationFraction, o.Seed);
        LogTraining(logger, specialist, train.Count, evaluation.Count, labels.Count);

        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var ml = new MLContext(o.Seed);
        using var cancelFit = MlContextCancellation.Register(ml, linked.Token);

        ITransformer model;
        try
        {
            model = await Task.Run(() => Fit(ml, labels, train, o), linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException e) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TrainingTimeoutException(timeout, train.Count, e);
        }

        var onnx = TextClassifierPipeline.ExportOnnx(ml, model);
        var evaluationData = TextClassifierPipeline.Load(ml, evaluation.Select(r => (TextNormalizer.Normalize(r.Text), r.Label)));
        var predicted = TextClassifierPipeline.Predict(ml, model, evaluationData).Select(i => labels[i]).ToList();
        var report = ClassificationMetrics.Compute(labels, evaluation.Select((r, i) => (r.Label, predicted[i])));
        var duration = Stopwatch.GetElapsedTime(started);
        LogTrained(logger, specialist, duration.TotalSeconds, report.Accuracy, report.MacroF1);

        return new TrainedClassifier
        {
            OnnxModel = onnx,
            LabelMap = new LabelMap { Labels = [.. labels], Input = TextClassifierPipeline.TextColumn, ScoreOutput = TextClassifierPipeline.ScoreOutput },
            Evaluation = report,
            EvaluationSet = evaluation,
            EvaluationPredictions = predicted,
            TrainingRows = train.Count,
            Duration = duration,
        };
    }

    private static ITransformer Fit(MLContext ml, IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> train, TrainingOptions o)
    {
        var labelMap = TextClassifierPipeline.FitLabelMap(ml, labels);
        var data = labelMap.Transform(TextClassifierPipeline.Load(ml, train.Select(r => (TextNormalizer.Normalize(r.Text), r.Label))));
        return TextClassifierPipeline.Estimator(ml, o).Fit(data);
    }

    private static void CheckTrainable(IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> rows)
    {
        if (labels.Count < 2)
            throw new ArgumentException($"a classifier needs at least two labels; the specialist has {labels.Count} (set spec.labels)", nameof(labels));
        var known = new HashSet<string>(labels, StringComparer.Ordinal);
        if (rows.FirstOrDefault(r => !known.Contains(r.Label)) is { } stray)
            throw new ArgumentException($"row label '{stray.Label}' is not one of the specialist's labels ({string.Join(", ", labels)})", nameof(rows));
        var counts = rows.CountBy(r => r.Label).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var thin = labels.Where(l => counts.GetValueOrDefault(l) < 2).ToList();
        if (thin.Count > 0)
            throw new ArgumentException(
                $"every label needs at least two rows (one to train, one to evaluate); too few for: {string.Join(", ", thin.Select(l => $"{l} ({counts.GetValueOrDefault(l)})"))}. Add examples or feedback for them",
                nameof(rows));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training {Specialist} on {TrainRows} rows, evaluating on {EvaluationRows}, {Labels} labels")]
    private static partial void LogTraining(ILogger logger, string specialist, int trainRows, int evaluationRows, int labels);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained {Specialist} in {Seconds:F1} s: accuracy {Accuracy:F3}, macro F1 {MacroF1:F3}")]
    private static partial void LogTrained(ILogger logger, string specialist, double seconds, double accuracy, double macroF1);
}
