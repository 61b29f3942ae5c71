using Sentinel.Adapters.Inference;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Models;
using Sentinel.ModelServer.Predictions;

namespace Sentinel.ModelServer.Inference;

/// <summary>
/// A loaded model with a reference count: one reference held by <see cref="ModelHolder"/> while it is current, one per
/// request using it. When it is replaced, the holder drops its reference; the last request to finish disposes the
/// OnnxRuntime session (see <see cref="Drained"/>). A model whose count reached zero can never be acquired again.
/// </summary>
public sealed class ServedModel
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _references = 1;

    /// <param name="scorer">How the model scores texts; the classifier itself unless given (a wrapper around it, e.g. in tests).</param>
    public ServedModel(OnnxTextClassifier classifier, ModelIdentity identity, string candidateKey, ModelInstruments instruments, ITextScorer? scorer = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(instruments);
        Classifier = classifier;
        Identity = identity;
        CandidateKey = candidateKey;
        Instruments = instruments;
        Labels = classifier.LabelMap.Labels;
        Scorer = scorer ?? new OnnxScorer(classifier);
        Predicting = new PredictingModel(identity.Version, Labels);
    }

    /// <summary>This version's confidence histogram and predicted-class counters.</summary>
    public ModelInstruments Instruments { get; }

    public OnnxTextClassifier Classifier { get; }

    /// <summary>Scores texts with this model (predict through it, not through <see cref="Classifier"/>).</summary>
    public ITextScorer Scorer { get; }
    public ModelIdentity Identity { get; }
    /// <summary>The <see cref="ModelCandidate.Key"/> this model was loaded from.</summary>
    public string CandidateKey { get; }
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The version and labels every prediction of this model shares (what <see cref="RecentPredictions"/> keeps).</summary>
    public PredictingModel Predicting { get; }

    /// <summary>Completes once the model is released by its holder and by every request, and its session is disposed.</summary>
    public Task Drained => _drained.Task;

    /// <summary>Takes a reference unless the model is already drained.</summary>
    internal bool TryAcquire()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current) return true;
            current = seen;
        }
        return false;
    }

    internal void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left > 0) return;
        if (left < 0) throw new InvalidOperationException($"model {Identity.Version} was released more often than acquired");
        Classifier.Dispose();
        _drained.TrySetResult();
    }
}
