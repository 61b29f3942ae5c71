using Sentinel.Core.Retraining;
using Sentinel.Core.Rollout;

namespace Sentinel.Adapters.Feedback.Online;

/// <summary>
/// The <see cref="IPairedObservations"/> of a feedback store that does not exist (a dry run before the embedded feedback
/// database was created, and nothing may create it): every window reads as no pairs with the reason
/// <see cref="OnlineRetrainTriggers.NoFeedbackStore"/>, so the comparison is not yet known, never a failure.
/// </summary>
public sealed class AbsentPairedObservations : IPairedObservations
{
    public Task<PairedAggregates> AggregateAsync(PairedWindow window, CancellationToken cancellationToken)
    {
        PairedWindowValidation.EnsureValid(window);
        return Task.FromResult(new PairedAggregates
        {
            Window = window,
            Pairs = [],
            ChampionPredictions = 0,
            ChallengerPredictions = 0,
            StoreMissing = OnlineRetrainTriggers.NoFeedbackStore,
        });
    }
}
