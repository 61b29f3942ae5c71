using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Core.Errors;

namespace Sentinel.Adapters.Mlflow.Tracking;

/// <summary>Reads and writes artifact files; a file-system failure becomes <see cref="DependencyUnavailableException"/> naming the file.</summary>
internal static class LocalArtifacts
{
    /// <summary>Writes beside the target, then moves it into place: a reader never sees half a model.</summary>
    public static async Task WriteAsync(string file, Stream content, CancellationToken ct)
    {
        var partial = file + ".partial";
        try
        {
            DataDirectory.Create(Path.GetDirectoryName(file)!);
            await using (var target = File.Create(partial))
                await content.CopyToAsync(target, ct);
            File.Move(partial, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(file, "write", e);
        }
    }

    /// <summary>The open file, or null when it does not exist.</summary>
    public static Stream? OpenRead(string file)
    {
        try
        {
            return File.Exists(file) ? File.OpenRead(file) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(file, "read", e);
        }
    }

    /// <summary>Removes the directory and everything under it; a missing directory is already removed.</summary>
    public static void DeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(directory, "delete", e);
        }
    }

    private static DependencyUnavailableException Unavailable(string file, string verb, Exception e) => new(TrackingDatabase.Dependency,
        $"Could not {verb} the artifact {file} ({e.Message}). Check that the data directory (SENTINEL_DATA_DIR) is writable and has free space.", e);
}
