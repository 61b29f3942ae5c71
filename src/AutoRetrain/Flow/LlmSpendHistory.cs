using Sentinel.Core.Errors;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// What a specialist's generations spent over the last 30 days: the LLM metrics (<see cref="LlmMetricKeys"/>) and tags of
/// its runs in its experiment (tag <see cref="RetrainTags.Specialist"/>) that started in the window, summed by
/// <see cref="LlmSpend.Sum"/>. A tracking store that cannot be read gives <see cref="LlmSpendReading.Failed"/>, never 0.
/// </summary>
public sealed class LlmSpendHistory(ITrackingStore tracking, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);
    /// <summary>Runs read at most: a specialist retrained more often than that in 30 days is counted from its newest runs (a lower bound).</summary>
    public const int MaxRuns = 1000;

    public async Task<LlmSpendReading> ReadAsync(ResolvedSpecialist specialist, LlmPrice? price, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        IReadOnlyList<RunRecord> runs;
        try
        {
            runs = await tracking.FindRunRecordsTaggedAsync(
                specialist.Experiment, RetrainTags.Specialist, specialist.SpecialistType, time.GetUtcNow() - Window, MaxRuns, cancellationToken);
        }
        catch (Exception e) when (e is DependencyUnavailableException or TrackingException)
        {
            return LlmSpendReading.Failed($"the tracking store did not answer: {e.Message}");
        }
        return LlmSpendReading.Read(LlmSpend.Sum(runs.Select(Spent), price));
    }

    private static PastLlmSpend Spent(RunRecord run) => new(
        Whole(run, LlmMetricKeys.InputTokens), Whole(run, LlmMetricKeys.OutputTokens),
        run.Metrics.TryGetValue(LlmMetricKeys.CostEstimatedUsd, out var cost) ? cost : null,
        run.Tags.GetValueOrDefault(RetrainTags.LlmTokens) == RetrainTags.Unknown);

    private static long? Whole(RunRecord run, string key) => run.Metrics.TryGetValue(key, out var v) ? (long)Math.Round(v) : null;
}
