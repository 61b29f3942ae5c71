using Sentinel.Core.Online;

namespace Sentinel.Adapters.Feedback.Online;

/// <summary>Rejects a window that no store could aggregate, with the argument that is wrong.</summary>
internal static class OnlineWindowValidation
{
    public static void EnsureValid(OnlineWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentException.ThrowIfNullOrWhiteSpace(window.SpecialistType, nameof(window));
        if (window.Until <= window.Since)
            throw new ArgumentException($"The window ends ({window.Until:O}) at or before it starts ({window.Since:O}); give Since < Until.", nameof(window));
        if (window.BucketLength < TimeSpan.FromMilliseconds(1))
            throw new ArgumentException($"The confidence bucket length {window.BucketLength} is below a millisecond; use an hour, for example.", nameof(window));
        if (window.HistogramBins < 1) throw new ArgumentException($"HistogramBins is {window.HistogramBins}; it must be at least 1.", nameof(window));
        if (window.RollingSize < 1) throw new ArgumentException($"RollingSize is {window.RollingSize}; it must be at least 1.", nameof(window));
    }
}
