using Microsoft.Extensions.Options;
using Sentinel.Adapters.Inference;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Inference;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Models;

namespace Sentinel.ModelServer.Rollout;

/// <summary>
/// Keeps <see cref="ChallengerSlot"/> in step with the registry's <c>challenger</c> alias, with the champion's checks (hash,
/// label map, signature), hot swap and refusal rules, plus one more: a challenger whose label set differs from the
/// champion's is refused, since their predictions could not be compared. The alias removed (or moved onto the champion's
/// version) unloads it. The plan is read from the version's tags at every refresh, so a changed share applies without a
/// reload; what is wrong with the tags is logged once per version and tag values. Unlike the champion, a refused challenger
/// leaves no challenger held (the server holds only what the alias names). Without a registry (a model file) there is
/// never a challenger. Run after the champion's refresh (<see cref="ModelRefreshService"/>), never concurrently with itself.
/// </summary>
public sealed class ChallengerRefresher(
    IModelSource? source, ChallengerSlot slot, ModelHolder champion, ModelServerMetrics metrics, IOptions<ModelServerOptions> options, ILogger<ChallengerRefresher> logger)
    : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly string _specialist = options.Value.SpecialistType;
    private string? _toldPlan;

    public async Task<RefreshOutcome> RefreshAsync(CancellationToken cancellationToken)
    {
        if (source is null) return RefreshOutcome.NoModel;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RefreshOnceAsync(source, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RefreshOutcome> RefreshOnceAsync(IModelSource registry, CancellationToken cancellationToken)
    {
        var current = slot.Current;
        ModelCandidate? candidate = null;
        string? refusalKey = null;
        try
        {
            candidate = await registry.FindAsync(cancellationToken);
            var serving = champion.Current;
            if (candidate is null || serving is null || candidate.Version == serving.Identity.Version)
            {
                // No challenger, no champion to compare it with yet, or the challenger is the champion now (promoted).
                Unload(current, candidate is null ? "the challenger alias is gone" : serving is null ? "no champion is served" : "it is the champion now");
                return RefreshOutcome.NoModel;
            }
            var (plan, problems) = RolloutPlan.Read(candidate.Tags);
            TellPlan(candidate, plan, problems);

            refusalKey = $"{candidate.Key} against {serving.CandidateKey}";
            if (current?.CandidateKey == candidate.Key && SameLabels(current.Labels, serving.Labels))
            {
                Apply(current, plan);
                return RefreshOutcome.Unchanged;
            }
            if (_refused.Contains(refusalKey) || _refused.Contains(candidate.Key))
            {
                Unload(current, "it was refused");
                return RefreshOutcome.Refused;
            }

            var package = current?.CandidateKey == candidate.Key ? null : await registry.FetchAsync(candidate, cancellationToken);
            if (package is null)
            {
                // The same challenger, but the champion's labels changed under it.
                throw new LabelSetMismatchException(current!.Labels, serving.Labels);
            }
            using var sessionOptions = ServingSession.Options();
            var classifier = new OnnxTextClassifier(package.Model, package.LabelMap, sessionOptions);
            if (!SameLabels(classifier.LabelMap.Labels, serving.Labels))
            {
                classifier.Dispose();
                throw new LabelSetMismatchException(package.LabelMap.Labels, serving.Labels);
            }
            var loaded = new ServedModel(classifier, package.Identity, candidate.Key, metrics.For(package.Identity, classifier.LabelMap.Labels));
            slot.SetPlan(plan);
            var previous = slot.Holder.Swap(loaded);
            metrics.ChallengerLoad("loaded");
            metrics.ChallengerServing(package.Identity, plan.ModeName);
            Log.ChallengerServing(logger, _specialist, package.Identity.Name, package.Identity.Version, plan.ModeName, plan.CanaryShare, plan.ShadowShare,
                serving.Identity.Version, previous?.Identity.Version ?? "none");
            return RefreshOutcome.Loaded;
        }
        catch (LabelSetMismatchException e)
        {
            _refused.Add(refusalKey!);
            metrics.ChallengerLoad("label_mismatch");
            Log.ChallengerRefused(logger, _specialist, candidate!.Description, e.Message);
            Unload(slot.Current, "its labels differ from the champion's");
            return RefreshOutcome.Refused;
        }
        catch (Exception e) when (e is ModelRejectedException or InvalidDataException)
        {
            _refused.Add(candidate!.Key);
            metrics.ChallengerLoad("refused");
            Log.ChallengerRefused(logger, _specialist, candidate.Description, e.Message);
            Unload(slot.Current, "the alias names a refused version");
            return RefreshOutcome.Refused;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.ChallengerLoad("failed");
            Log.ChallengerSourceUnavailable(logger, _specialist, registry.Description, $"{e.GetType().Name}: {e.Message}", current?.Identity.Version ?? "none");
            return RefreshOutcome.Failed;
        }
    }

    private void Apply(ServedModel current, RolloutPlan plan)
    {
        if (slot.Plan == plan) return;
        slot.SetPlan(plan);
        metrics.ChallengerServing(current.Identity, plan.ModeName);
        Log.ChallengerPlanChanged(logger, _specialist, current.Identity.Version, plan.ModeName, plan.CanaryShare, plan.ShadowShare);
    }

    private void Unload(ServedModel? current, string why)
    {
        if (current is null || slot.Holder.Unload() is not { } unloaded) return;
        metrics.ChallengerLoad("unloaded");
        metrics.ChallengerUnloaded();
        Log.ChallengerUnloaded(logger, _specialist, unloaded.Identity.Version, why);
    }

    /// <summary>Logs what is wrong with the rollout tags once per version and tag values, not at every poll.</summary>
    private void TellPlan(ModelCandidate candidate, RolloutPlan plan, IReadOnlyList<string> problems)
    {
        var told = $"{candidate.Key} {plan}";
        if (problems.Count == 0 || told == _toldPlan) return;
        _toldPlan = told;
        Log.ChallengerTagsIgnored(logger, _specialist, candidate.Description, string.Join("; ", problems));
    }

    private static bool SameLabels(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.ToHashSet(StringComparer.Ordinal).SetEquals(b);

    public void Dispose() => _gate.Dispose();

    private sealed class LabelSetMismatchException(IReadOnlyList<string> challenger, IReadOnlyList<string> champion)
        : Exception($"its labels [{string.Join(", ", challenger)}] differ from the champion's [{string.Join(", ", champion)}]; their predictions cannot be compared");
}
