using System.Globalization;

namespace Sentinel.Core.Online;

/// <summary>What the refresh policy sees after an evaluation.</summary>
/// <param name="Current">The reference the evaluation used; null when the champion has none (or there is no champion).</param>
/// <param name="PreviousHealthySince">The healthy-since of the previous evaluation's reference record, if any.</param>
/// <param name="PreviousVersion">The reference version the previous evaluation recorded (with <paramref name="PreviousRunId"/>).</param>
/// <param name="Degraded">The evaluation is degraded (for any reason).</param>
/// <param name="Drifted">The online evaluation fired a drift rule (class mix or inputs).</param>
public sealed record DriftReferenceInputs(
    DriftReferenceSettings Settings, DriftReferenceInfo? Current, DateTimeOffset? PreviousHealthySince, int? PreviousVersion, string? PreviousRunId,
    bool Degraded, bool Drifted);

/// <summary>
/// The policy's verdict: <see cref="HealthySince"/> is when the current run of healthy evaluations without drift began
/// (null while degraded or drifted), <see cref="Due"/> whether the reference is to be refreshed now, and
/// <see cref="Reason"/> why or why not, in words.
/// </summary>
public sealed record DriftReferenceDecision(DateTimeOffset? HealthySince, bool Due, string Reason);

/// <summary>
/// Seed 003's <c>drift_update_ref</c> as a pure rule. With policy <c>fixed</c> the reference recorded at promotion stays.
/// With <c>refresh</c>, the reference is refreshed once every evaluation since <see cref="DriftReferenceDecision.HealthySince"/>
/// — at least <c>refreshAfterHealthyDays</c> — was neither degraded nor drifted. A degraded or drifted evaluation
/// restarts the clock and never refreshes: replacing the reference then would hide the very drift being reported. A
/// new champion or a new reference version starts a new clock too. Whether enough predictions exist is checked after
/// they are read (<see cref="Enough"/>).
/// </summary>
public static class DriftReferencePolicy
{
    public static DriftReferenceDecision Decide(DriftReferenceInputs inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Degraded || inputs.Drifted)
            return new(null, false, inputs.Drifted
                ? "drift was detected against the current reference; it is kept, and the healthy period starts again once drift is gone"
                : "the evaluation is degraded; the reference is kept, and the healthy period starts again once it is healthy");

        var current = inputs.Current;
        var sameReference = current is not null && inputs.PreviousVersion == current.Version && inputs.PreviousRunId == current.RunId;
        var since = sameReference && inputs.PreviousHealthySince is { } previous && previous <= now ? previous : now;
        if (inputs.Settings.Policy == DriftReferencePolicyKind.Fixed)
            return new(since, false, "policy fixed: the reference recorded at promotion is kept");
        if (current is null)
            return new(since, false, "no champion run to record a reference on");

        var period = TimeSpan.FromDays(inputs.Settings.RefreshAfterHealthyDays);
        var healthyFor = now - since;
        return healthyFor >= period
            ? new(since, true, Format($"healthy without drift since {since:u} ({healthyFor.TotalDays:0.#} days, at least {inputs.Settings.RefreshAfterHealthyDays} needed)"))
            : new(since, false, Format($"healthy without drift since {since:u} ({healthyFor.TotalDays:0.#} of {inputs.Settings.RefreshAfterHealthyDays} days)"));
    }

    /// <summary>
    /// Null when the healthy period's <paramref name="predictions"/> (at least <see cref="OnlineQualityThresholds.ReferenceSize"/>)
    /// and logged <paramref name="features"/> (at least <see cref="OnlineQualityThresholds.MinInputsForDrift"/>) are
    /// enough for a new reference; otherwise why not.
    /// </summary>
    public static string? Enough(long predictions, int features, OnlineQualityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (predictions < thresholds.ReferenceSize)
            return Format($"only {predictions} predictions in the healthy period; a refreshed reference needs at least referenceSize ({thresholds.ReferenceSize})");
        if (features < thresholds.MinInputsForDrift)
            return Format($"only {features} input feature vectors were logged in the healthy period; a refreshed reference needs at least minInputsForDrift ({thresholds.MinInputsForDrift})");
        return null;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
