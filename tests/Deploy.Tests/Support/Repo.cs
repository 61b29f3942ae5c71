namespace Sentinel.Deploy.Tests.Support;

/// <summary>Paths inside the repository, found from the test binaries upwards.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    public static string Chart => Path("helm", "sentinel");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Sentinel.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Sentinel.sln not found above the test directory");
    }
}
