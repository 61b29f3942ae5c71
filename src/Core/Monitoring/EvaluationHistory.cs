using Sentinel.Core.Specs;

namespace Sentinel.Core.Monitoring;

/// <summary>
/// Where the monitor keeps each specialist's last evaluation: the SpecialistModel's status in a cluster,
/// a file in the data directory for local runs. It lets alerts fire on transitions, not on every run.
/// </summary>
public interface IEvaluationHistory
{
    Task<EvaluationStatus?> GetLastAsync(string specialistType, CancellationToken cancellationToken);

    Task SaveAsync(string specialistType, EvaluationStatus evaluation, CancellationToken cancellationToken);

    /// <summary>Keeps the last online-signals run (<c>status.onlineSignals</c>) beside the last evaluation, which it leaves as it is.</summary>
    Task SaveOnlineSignalsAsync(string specialistType, OnlineSignalsStatus signals, CancellationToken cancellationToken);
}
