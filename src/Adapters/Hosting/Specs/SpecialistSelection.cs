using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Hosting.Specs;

/// <summary>Resolves the loaded manifests and picks the ones <c>--specialist-type</c> asks for.</summary>
public static class SpecialistSelection
{
    /// <summary>
    /// <paramref name="requested"/> is <c>all</c>, a specialist type or a resource name. Every manifest is
    /// validated, not only the selected ones, so a broken file is never silently ignored.
    /// </summary>
    public static IReadOnlyList<ResolvedSpecialist> Select(IReadOnlyList<LoadedSpecialist> loaded, string requested, SeedDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var resolved = loaded.Select(l => SpecResolver.Resolve(l.Document, defaults, l.Source)).ToList();

        var duplicates = resolved.GroupBy(r => r.SpecialistType, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new SpecValidationException("specs", [new SpecError("spec.specialistType", $"declared more than once: {string.Join(", ", duplicates)}; keep one manifest per specialist")]);

        if (string.Equals(requested, "all", StringComparison.OrdinalIgnoreCase)) return resolved;

        var match = resolved.Where(r => r.SpecialistType == requested || r.Name == requested).ToList();
        if (match.Count > 0) return match;

        var known = resolved.Count == 0 ? "none" : string.Join(", ", resolved.Select(r => r.SpecialistType).Order(StringComparer.Ordinal));
        throw new SpecValidationException("--specialist-type", [new SpecError("--specialist-type",
            $"unknown specialist '{requested}' (known: {known}); add its SpecialistModel YAML with --spec or SENTINEL_SPECS")]);
    }
}
