using Sentinel.Core.Online;
using Sentinel.Core.Retraining;

namespace Sentinel.Adapters.Feedback.Online;

/// <summary>
/// The <see cref="IOnlineObservations"/> of a feedback store that does not exist (a dry run before the embedded
/// feedback database was created, and nothing may create it): every window reads as
/// <see cref="OnlineAggregates.Absent"/> with the reason <see cref="OnlineRetrainTriggers.NoFeedbackStore"/>, so the
/// online signals are unknown, never zero and never a failure.
/// </summary>
public sealed class AbsentOnlineObservations : IOnlineObservations
{
    public Task<OnlineAggregates> AggregateAsync(OnlineWindow window, CancellationToken cancellationToken)
    {
        OnlineWindowValidation.EnsureValid(window);
        return Task.FromResult(OnlineAggregates.Absent(window, OnlineRetrainTriggers.NoFeedbackStore));
    }
}
