namespace Sentinel.Core.Specs;

/// <summary>
/// Which model versions the monitor's feedback statistics, aggregate and online signals cover
/// (<c>spec.versionScope</c>): <c>champion</c> (the default) or <c>all</c>.
/// </summary>
public enum VersionScope
{
    /// <summary>
    /// Only the current champion's version (the registry's alias or stage Production), so that after a promotion the new
    /// champion is judged on its own feedback and predictions. Without a registered champion, every version.
    /// </summary>
    Champion,

    /// <summary>Every version in the window, records without a version included.</summary>
    All,
}

/// <summary>The spellings of <see cref="VersionScope"/> in the spec.</summary>
public static class VersionScopes
{
    public const string Champion = "champion";
    public const string All = "all";

    /// <summary>The scope a spec value names; null for an unknown value.</summary>
    public static VersionScope? Parse(string? value) => value switch
    {
        null or Champion => VersionScope.Champion,
        All => VersionScope.All,
        _ => null,
    };

    /// <summary>The model version the monitor restricts its window to: the champion's under <see cref="VersionScope.Champion"/>, else null (every version).</summary>
    public static string? VersionFor(VersionScope scope, string? championVersion) =>
        scope == VersionScope.Champion ? championVersion : null;
}
