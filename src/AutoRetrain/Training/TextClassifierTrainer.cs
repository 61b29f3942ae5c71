using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Sentinel.Adapters.Inference;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Training;

/// <summary>
/// Trains the built-in text classifier: ML.NET fit under a timeout on the training rows, ONNX export, and evaluation on
/// the evaluation rows with <see cref="ClassificationMetrics"/>. Which rows train and which evaluate is decided
/// before (<see cref="EvaluationSplit"/>), never here.
/// </summary>
public sealed partial class TextClassifierTrainer(IOptions<TrainingOptions> options, TimeProvider time, ILogger<TextClassifierTrainer> logger)
{
    /// <summary>
    /// Splits <paramref name="rows"/> with <see cref="EvaluationSplit"/> (no earlier evaluation set, no champion) and
    /// trains on the training side: for a first model, or a model outside a retrain.
    /// </summary>
    public Task<TrainedClassifier> TrainAsync(
        string specialist, IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> rows, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var o = options.Value;
        var split = EvaluationSplit.Assign(new EvaluationSplitInputs
        {
            Rows = rows, EvaluationFraction = o.EvaluationFraction, Salt = specialist, NearDuplicateThreshold = o.NearDuplicateThreshold,
        });
        return TrainAsync(specialist, labels, split.Training, split.Evaluation, timeout, cancellationToken);
    }

    /// <summary>
    /// Trains on <paramref name="training"/> and evaluates on <paramref name="evaluation"/> (which may be empty: the
    /// report is then empty). Throws <see cref="ArgumentException"/> when the rows cannot train a classifier of
    /// <paramref name="labels"/> (a label without a training row, a row outside the label set),
    /// <see cref="TrainingTimeoutException"/> when <paramref name="timeout"/> passes, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<TrainedClassifier> TrainAsync(
        string specialist, IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> training, IReadOnlyList<DatasetRow> evaluation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(evaluation);
        CheckTrainable(labels, training, evaluation);
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var train = training;
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
        IReadOnlyList<string> predicted = [];
        if (evaluation.Count > 0)
        {
            var evaluationData = TextClassifierPipeline.Load(ml, evaluation.Select(r => (TextNormalizer.Normalize(r.Text), r.Label)));
            predicted = [.. TextClassifierPipeline.Predict(ml, model, evaluationData).Select(i => labels[i])];
        }
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
            TrainingSet = train,
            Duration = duration,
        };
    }

    private static ITransformer Fit(MLContext ml, IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> train, TrainingOptions o)
    {
        var labelMap = TextClassifierPipeline.FitLabelMap(ml, labels);
        var data = labelMap.Transform(TextClassifierPipeline.Load(ml, train.Select(r => (TextNormalizer.Normalize(r.Text), r.Label))));
        return TextClassifierPipeline.Estimator(ml, o).Fit(data);
    }

    private static void CheckTrainable(IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> training, IReadOnlyList<DatasetRow> evaluation)
    {
        if (labels.Count < 2)
            throw new ArgumentException($"a classifier needs at least two labels; the specialist has {labels.Count} (set spec.labels)", nameof(labels));
        var known = new HashSet<string>(labels, StringComparer.Ordinal);
        if (training.Concat(evaluation).FirstOrDefault(r => !known.Contains(r.Label)) is { } stray)
            throw new ArgumentException($"row label '{stray.Label}' is not one of the specialist's labels ({string.Join(", ", labels)})", nameof(training));
        var counts = training.CountBy(r => r.Label).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var missing = labels.Where(l => counts.GetValueOrDefault(l) == 0).ToList();
        if (missing.Count > 0)
            throw new ArgumentException(
                $"every label needs training rows; none for: {string.Join(", ", missing)}. Add examples or labelled feedback for them",
                nameof(training));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training {Specialist} on {TrainRows} rows, evaluating on {EvaluationRows}, {Labels} labels")]
    private static partial void LogTraining(ILogger logger, string specialist, int trainRows, int evaluationRows, int labels);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained {Specialist} in {Seconds:F1} s: accuracy {Accuracy:F3}, macro F1 {MacroF1:F3}")]
    private static partial void LogTrained(ILogger logger, string specialist, double seconds, double accuracy, double macroF1);
}
