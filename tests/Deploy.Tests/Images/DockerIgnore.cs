using System.Text.RegularExpressions;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Images;

/// <summary>
/// The repository's <c>.dockerignore</c> read the way the image builder reads it: patterns relative to the context
/// root, <c>**</c> for any number of folders, a pattern that matches a folder excludes what is inside it, and the last
/// matching line wins (<c>!</c> re-includes).
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load() => new([.. Repo.Read(".dockerignore").Split('\n')
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), false) : (ToRegex(l), true))]);

    /// <summary>Whether the file at <paramref name="path"/> (relative to the repository root) stays out of the context.</summary>
    public bool Excludes(string path)
    {
        var candidates = Prefixes(path.Replace('\\', '/')).ToList();
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
            if (candidates.Any(pattern.IsMatch)) excluded = exclude;
        return excluded;
    }

    /// <summary>The path and each folder above it: a pattern matching a folder covers everything inside.</summary>
    private static IEnumerable<string> Prefixes(string path)
    {
        for (var i = path.IndexOf('/', StringComparison.Ordinal); i > 0; i = path.IndexOf('/', i + 1)) yield return path[..i];
        yield return path;
    }

    private static Regex ToRegex(string pattern)
    {
        var p = pattern.TrimEnd('/').TrimStart('/');
        var regex = Regex.Escape(p).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex($"^{regex}$", RegexOptions.CultureInvariant);
    }
}
