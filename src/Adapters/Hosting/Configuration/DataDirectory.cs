using Sentinel.Core.Errors;

namespace Sentinel.Adapters.Hosting.Configuration;

/// <summary>Folders of the local data directory (<c>SENTINEL_DATA_DIR</c>), created on first use.</summary>
public static class DataDirectory
{
    /// <summary>
    /// Creates <paramref name="path"/> (and its parents) when missing. A folder that cannot be created is a dependency
    /// that is not there, like an unreachable server: the CLIs exit 3 with this message, not with an internal error.
    /// </summary>
    public static string Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            Directory.CreateDirectory(path);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DependencyUnavailableException("data-directory",
                $"cannot create '{path}' ({e.Message}); point SENTINEL_DATA_DIR at a writable directory (default ./.sentinel)", e);
        }
    }
}
