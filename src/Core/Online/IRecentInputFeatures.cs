using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>
/// Reads the input feature vectors the model server logged with its sampled predictions: the input side of the
/// input drift test. A window without any is a value (an empty list), not an error; an unreachable store throws
/// <see cref="Errors.DependencyUnavailableException"/>.
/// </summary>
public interface IRecentInputFeatures
{
    /// <summary>
    /// The feature vectors of the newest predictions of <paramref name="window"/> that carry them (only
    /// <see cref="OnlineWindow.ModelVersion"/>'s when set), newest first, at most <paramref name="limit"/>: the store
    /// stops there, so a long window is never read whole.
    /// </summary>
    Task<IReadOnlyList<SparseVector>> NewestAsync(OnlineWindow window, int limit, CancellationToken cancellationToken);
}
