using System.Formats.Tar;
using System.IO.Compression;

namespace Sentinel.Deploy.Tests.Support;

/// <summary>
/// The chart as it was released before the current version, packaged by <c>helm package</c> and kept in
/// tests/Deploy.Tests/Helm/PreviousChart: a fresh shallow clone has it (git history would not), and it is exactly what
/// a chart repository served. Replace it with the current package whenever helm/sentinel's version is released.
/// </summary>
internal static class PreviousChart
{
    public const string Version = "0.1.0";

    public static string Package => Repo.Path("tests", "Deploy.Tests", "Helm", "PreviousChart", $"sentinel-{Version}.tgz");

    public static string ChartYaml()
    {
        using var archive = new TarReader(new GZipStream(File.OpenRead(Package), CompressionMode.Decompress));
        while (archive.GetNextEntry() is { } entry)
        {
            if (entry.Name != "sentinel/Chart.yaml") continue;
            using var reader = new StreamReader(entry.DataStream!);
            return reader.ReadToEnd();
        }
        throw new InvalidDataException($"{Package} holds no sentinel/Chart.yaml");
    }

    /// <summary>Unpacks the package into <paramref name="directory"/> and returns the chart's directory.</summary>
    public static string ExtractTo(string directory)
    {
        Directory.CreateDirectory(directory);
        using (var gzip = new GZipStream(File.OpenRead(Package), CompressionMode.Decompress))
            TarFile.ExtractToDirectory(gzip, directory, overwriteFiles: false);
        return Path.Combine(directory, "sentinel");
    }
}
