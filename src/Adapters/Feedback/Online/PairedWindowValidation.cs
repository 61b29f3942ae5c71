using Sentinel.Core.Rollout;

namespace Sentinel.Adapters.Feedback.Online;

/// <summary>Rejects a paired window that no store could aggregate, with the argument that is wrong.</summary>
internal static class PairedWindowValidation
{
    public static void EnsureValid(PairedWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentException.ThrowIfNullOrWhiteSpace(window.SpecialistType, nameof(window));
        ArgumentException.ThrowIfNullOrWhiteSpace(window.ChampionVersion, nameof(window));
        ArgumentException.ThrowIfNullOrWhiteSpace(window.ChallengerVersion, nameof(window));
        if (window.Until <= window.Since)
            throw new ArgumentException($"The window ends ({window.Until:O}) at or before it starts ({window.Since:O}); give Since < Until.", nameof(window));
    }
}
