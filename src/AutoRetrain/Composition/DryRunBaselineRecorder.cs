using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Composition;

/// <summary>
/// For <c>--dry-run</c>: the monitor's evaluation would store a baseline created from the first window on a champion
/// without one; a dry run writes nothing, so the write is refused and the evaluation reports the baseline as unknown.
/// </summary>
internal sealed class DryRunBaselineRecorder : IBaselineRecorder
{
    public Task RecordAsync(string runId, BaselineMetrics metrics, ClassDistribution? distribution, CancellationToken cancellationToken) =>
        throw new TrackingException("DRY_RUN", "a dry run writes nothing");
}
