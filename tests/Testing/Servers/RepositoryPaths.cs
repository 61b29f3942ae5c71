namespace Sentinel.Testing.Servers;

/// <summary>Finds files of the Sentinel repository from a test's output directory.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding <c>Sentinel.sln</c>, searched upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Points at the <c>shared</c> directory when it is not beside the repository.</summary>
    public const string SharedDirVariable = "SENTINEL_SHARED_DIR";

    /// <summary>
    /// A path inside the <c>shared</c> directory (fixtures, tools): <see cref="SharedDirVariable"/>, else the first
    /// <c>shared</c> directory above the test binaries that holds it.
    /// </summary>
    public static string Shared(string relative)
    {
        if (Environment.GetEnvironmentVariable(SharedDirVariable) is { Length: > 0 } shared)
        {
            var candidate = Path.Combine(shared, relative);
            return Path.Exists(candidate)
                ? candidate
                : throw new DirectoryNotFoundException($"{SharedDirVariable}={shared} has no {relative}; point it at the 'shared' directory beside the repository.");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (Path.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"No shared/{relative} above {AppContext.BaseDirectory}; check out 'shared' beside the repository or set {SharedDirVariable}.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sentinel.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Sentinel.sln not found above {AppContext.BaseDirectory}; run the tests from the repository checkout.");
    }
}
