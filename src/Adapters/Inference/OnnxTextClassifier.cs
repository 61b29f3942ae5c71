using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sentinel.Core.Datasets;

namespace Sentinel.Adapters.Inference;

/// <summary>
/// Serves a Sentinel text-classifier ONNX model (as exported by the trainer): one string input [N, 1] and a
/// float score output [N, labels]. Texts are normalised with <see cref="TextNormalizer"/> first, as in training.
/// </summary>
/// <remarks>
/// <para>Thread-safe: OnnxRuntime's <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue}, IReadOnlyCollection{string})"/>
/// may be called concurrently. Dispose only once no caller is predicting (swap the reference first, then dispose).</para>
/// <para>Batching: the ML.NET → ONNX export of the word tokenizer flattens a batch of N texts into a single
/// row of output (the tokens of every text are scored together). On load, a two-text probe compares the
/// batched scores with row-by-row scores; unless they agree, <see cref="PredictBatch"/> scores one row per
/// call (<see cref="BatchesNatively"/> says which). Row-by-row costs tens of microseconds per text.</para>
/// </remarks>
public sealed class OnnxTextClassifier : IDisposable
{
    private const float ProbeTolerance = 1e-5f;
    private readonly InferenceSession _session;
    private readonly string[] _outputs;
    private readonly string[] _inputs;
    private readonly RunOptions _runOptions = new();
    private volatile bool _disposed;

    /// <summary>Loads <paramref name="model"/>; throws <see cref="InvalidDataException"/> when it is not a model this class can serve.</summary>
    public OnnxTextClassifier(byte[] model, LabelMap labelMap, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(labelMap);
        LabelMap = labelMap;
        try
        {
            _session = options is null ? new InferenceSession(model) : new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"the model bytes are not a loadable ONNX model ({e.Message}); re-export the model", e);
        }
        try
        {
            CheckSignature(_session, labelMap);
            _outputs = [labelMap.ScoreOutput];
            _inputs = [labelMap.Input];
            BatchesNatively = ProbeBatching();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public LabelMap LabelMap { get; }

    /// <summary>True when a batch runs as one call; false when the model needs one call per text.</summary>
    public bool BatchesNatively { get; }

    public TextPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ToPrediction(Score([TextNormalizer.Normalize(text)])[0]);
    }

    /// <summary>Predicts every text, in order (see the remarks on batching).</summary>
    public IReadOnlyList<TextPrediction> PredictBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];
        var normalized = texts.Select(TextNormalizer.Normalize).ToArray();
        if (BatchesNatively) return [.. Score(normalized).Select(ToPrediction)];
        return [.. normalized.Select(t => ToPrediction(Score([t])[0]))];
    }

    public void Dispose()
    {
        _disposed = true;
        _session.Dispose();
        _runOptions.Dispose();
    }

    private float[][] Score(string[] texts)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var input = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, [texts.Length, 1]);
        for (var i = 0; i < texts.Length; i++) input.StringTensorSetElementAt(texts[i].AsSpan(), i);
        using var results = _session.Run(_runOptions, _inputs, [input], _outputs);
        var shape = results[0].GetTensorTypeAndShape().Shape;
        var scores = results[0].GetTensorDataAsSpan<float>();
        var rows = (int)shape[0];
        var width = (int)shape[1];
        var output = new float[rows][];
        for (var r = 0; r < rows; r++) output[r] = scores.Slice(r * width, width).ToArray();
        return output;
    }

    private TextPrediction ToPrediction(float[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
            if (scores[i] > scores[best]) best = i;
        var byLabel = new Dictionary<string, double>(scores.Length, StringComparer.Ordinal);
        for (var i = 0; i < scores.Length; i++) byLabel[LabelMap.Labels[i]] = scores[i];
        return new TextPrediction(LabelMap.Labels[best], scores[best], byLabel);
    }

    private bool ProbeBatching()
    {
        string[] probe = [TextNormalizer.Normalize(LabelMap.Labels[0]), "sentinel batching probe"];
        var batch = Score(probe);
        if (batch.Length != probe.Length) return false;
        for (var i = 0; i < probe.Length; i++)
        {
            var single = Score([probe[i]])[0];
            if (single.Where((v, c) => Math.Abs(v - batch[i][c]) > ProbeTolerance).Any()) return false;
        }
        return true;
    }

    private static void CheckSignature(InferenceSession session, LabelMap map)
    {
        if (session.InputMetadata.Count != 1 || !session.InputMetadata.TryGetValue(map.Input, out var input))
            throw new InvalidDataException($"the model must have one input named '{map.Input}'; it has {Describe(session.InputMetadata)}");
        if (input.ElementType != typeof(string) || input.Dimensions is not [_, 1])
            throw new InvalidDataException($"the model's input '{map.Input}' must be a string tensor [N, 1]; it is {Describe(input)}");
        if (!session.OutputMetadata.TryGetValue(map.ScoreOutput, out var output))
            throw new InvalidDataException($"the model has no output '{map.ScoreOutput}'; it has {Describe(session.OutputMetadata)}");
        if (output.ElementType != typeof(float) || output.Dimensions.Length != 2 || output.Dimensions[1] != map.Labels.Count)
            throw new InvalidDataException(
                $"the model's output '{map.ScoreOutput}' must be a float tensor [N, {map.Labels.Count}] (one score per label in {LabelMap.FileName}); it is {Describe(output)}");
    }

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        nodes.Count == 0 ? "none" : string.Join(", ", nodes.Select(n => $"'{n.Key}' {Describe(n.Value)}"));

    private static string Describe(NodeMetadata node) =>
        $"{node.ElementType.Name} [{string.Join(", ", node.Dimensions)}]";
}
