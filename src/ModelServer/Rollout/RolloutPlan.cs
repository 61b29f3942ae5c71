using System.Globalization;
using Sentinel.Core.Rollout;

namespace Sentinel.ModelServer.Rollout;

/// <summary>How the challenger takes live traffic.</summary>
public enum RolloutMode
{
    /// <summary>The champion answers every request; a share is also scored by the challenger off the request path.</summary>
    Shadow,
    /// <summary>The challenger answers a share of the requests; the champion scores a share of those off the path.</summary>
    Canary,
}

/// <summary>
/// The challenger's routing, read from its registered version's tags (<see cref="RolloutTags"/>): the mode, the share of
/// requests it answers as a canary, and the share of requests the other model also scores off the request path.
/// </summary>
public sealed record RolloutPlan(RolloutMode Mode, double CanaryShare, double ShadowShare)
{
    public const double DefaultCanaryShare = 0.1;
    public const double DefaultShadowShare = 1.0;

    public static readonly RolloutPlan Default = new(RolloutMode.Shadow, DefaultCanaryShare, DefaultShadowShare);

    public string ModeName => Mode == RolloutMode.Canary ? "canary" : "shadow";

    /// <summary>
    /// The plan the tags describe, and what was wrong with them (each problem a sentence for the log). An absent or
    /// unknown mode is <see cref="RolloutMode.Shadow"/> (it never moves an answer); an absent share takes its default
    /// (canary 0.1, shadow 1), an invalid one too, with a problem.
    /// </summary>
    public static (RolloutPlan Plan, IReadOnlyList<string> Problems) Read(IReadOnlyDictionary<string, string>? tags)
    {
        tags ??= new Dictionary<string, string>();
        var problems = new List<string>();
        var mode = RolloutMode.Shadow;
        if (!tags.TryGetValue(RolloutTags.Mode, out var modeText))
            problems.Add($"tag {RolloutTags.Mode} is absent; the challenger runs in shadow");
        else if (string.Equals(modeText.Trim(), "canary", StringComparison.OrdinalIgnoreCase))
            mode = RolloutMode.Canary;
        else if (!string.Equals(modeText.Trim(), "shadow", StringComparison.OrdinalIgnoreCase))
            problems.Add($"tag {RolloutTags.Mode} is '{modeText}', not shadow or canary; the challenger runs in shadow");
        var canary = Share(tags, RolloutTags.CanaryShare, DefaultCanaryShare, problems);
        var shadow = Share(tags, RolloutTags.ShadowShare, DefaultShadowShare, problems);
        return (new RolloutPlan(mode, canary, shadow), problems);
    }

    private static double Share(IReadOnlyDictionary<string, string> tags, string key, double fallback, List<string> problems)
    {
        if (!tags.TryGetValue(key, out var text)) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1) return share;
        problems.Add($"tag {key} is '{text}', not a number in [0, 1] (invariant culture, e.g. 0.1); using {fallback.ToString(CultureInfo.InvariantCulture)}");
        return fallback;
    }
}
