namespace Sentinel.Testing.Servers;

/// <summary>Finds files of the Sentinel repository from a test's output directory.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding <c>Sentinel.sln</c>, searched upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sentinel.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Sentinel.sln not found above {AppContext.BaseDirectory}; run the tests from the repository checkout.");
    }
}
