using Microsoft.Extensions.Options;
using Sentinel.Adapters.Inference;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Models;

namespace Sentinel.ModelServer.Inference;

/// <summary>What one refresh did.</summary>
public enum RefreshOutcome
{
    /// <summary>A new model passed its checks and is now served.</summary>
    Loaded,
    /// <summary>The source still names the model being served.</summary>
    Unchanged,
    /// <summary>The source has no model yet (no champion registered, no file).</summary>
    NoModel,
    /// <summary>The new model failed a check; the current model stays. The same candidate is not tried again.</summary>
    Refused,
    /// <summary>The source could not be asked or read; the current model stays and the next refresh tries again.</summary>
    Failed,
}

/// <summary>
/// Looks for the model to serve and, when it changed, fetches it (hash check), loads it (signature check, done by
/// <see cref="OnnxTextClassifier"/>) and swaps it in. A model that fails a check is refused and remembered; the
/// current model stays. Refreshes never overlap.
/// </summary>
public sealed class ModelRefresher(
    IModelSource source, ModelHolder holder, ModelServerMetrics metrics, IOptions<ModelServerOptions> options, ILogger<ModelRefresher> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly string _specialist = options.Value.SpecialistType;

    public async Task<RefreshOutcome> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RefreshOnceAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RefreshOutcome> RefreshOnceAsync(CancellationToken cancellationToken)
    {
        var current = holder.Current;
        ModelCandidate? candidate = null;
        try
        {
            candidate = await source.FindAsync(cancellationToken);
            if (candidate is null)
            {
                if (current is null) Log.NoModelYet(logger, _specialist, source.Description);
                return RefreshOutcome.NoModel;
            }
            if (current?.CandidateKey == candidate.Key) return RefreshOutcome.Unchanged;
            if (_refused.Contains(candidate.Key)) return RefreshOutcome.Refused;

            var package = await source.FetchAsync(candidate, cancellationToken);
            using var sessionOptions = ServingSession.Options();
            var classifier = new OnnxTextClassifier(package.Model, package.LabelMap, sessionOptions);
            var served = new ServedModel(classifier, package.Identity, candidate.Key, metrics.For(package.Identity, classifier.LabelMap.Labels));
            var previous = holder.Swap(served);
            metrics.Load("loaded");
            metrics.Serving(package.Identity, replaced: previous is not null);
            Log.ModelServing(logger, _specialist, package.Identity.Name, package.Identity.Version, package.Identity.Origin,
                package.Identity.Sha256, previous?.Identity.Version ?? "none");
            if (previous is not null)
                _ = previous.Drained.ContinueWith(_ => Log.ModelDrained(logger, previous.Identity.Version), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return RefreshOutcome.Loaded;
        }
        catch (Exception e) when (e is ModelRejectedException or InvalidDataException)
        {
            _refused.Add(candidate!.Key);
            metrics.Load("refused");
            Log.ModelRefused(logger, _specialist, candidate.Description, e.Message, current?.Identity.Version ?? "none");
            return RefreshOutcome.Refused;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Load("failed");
            Log.SourceUnavailable(logger, _specialist, source.Description, $"{e.GetType().Name}: {e.Message}", current?.Identity.Version ?? "none");
            return RefreshOutcome.Failed;
        }
    }

    public void Dispose() => _gate.Dispose();
}
