using Sentinel.Adapters.Hosting.Http;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow;

/// <summary>
/// Where a run's artifacts live behind MLflow's artifact proxy (<c>mlflow server --serve-artifacts</c>), and how to tell
/// a missing artifact from a failing server.
/// </summary>
internal static class MlflowArtifactPaths
{
    private const string Scheme = "mlflow-artifacts:";
    private const string ProxyRoute = "api/2.0/mlflow-artifacts/artifacts/";

    /// <summary>
    /// The proxy route for <paramref name="relativePath"/> under the run's artifact root
    /// (<c>mlflow-artifacts:/1/&lt;run&gt;/artifacts</c> → <c>api/2.0/mlflow-artifacts/artifacts/1/&lt;run&gt;/artifacts/…</c>),
    /// each segment URL-encoded.
    /// </summary>
    public static string ProxyPath(string artifactUri, string relativePath, Uri server)
    {
        var root = RootPath(artifactUri, server);
        var file = Segments(relativePath);
        return ProxyRoute + string.Join('/', root.Concat(file).Select(Uri.EscapeDataString));
    }

    /// <summary>The model-version source for an artifact directory of a run: the run's real artifact URI, never <c>runs:/</c>.</summary>
    public static string SourceUri(string artifactUri, string artifactPath) =>
        artifactUri.TrimEnd('/') + "/" + string.Join('/', Segments(artifactPath));

    /// <summary>
    /// MLflow answers a download of a missing file with 500 <c>INTERNAL_ERROR</c> (a 404 <c>RESOURCE_DOES_NOT_EXIST</c>
    /// is accepted too). The file is taken as missing only when the message says so in the words of the artifact stores
    /// MLflow proxies: local/NFS (<c>No such file or directory</c>), S3 (<c>NoSuchKey</c>, <c>(404)</c>), Azure
    /// (<c>BlobNotFound</c>), GCS (<c>No such object</c>). Any other 500 is a server failure.
    /// </summary>
    public static bool IsMissingArtifact(MlflowError error)
    {
        if (error.Status == 404 && error.Is(MlflowError.ResourceDoesNotExist)) return true;
        if (error.Status != 500 || !error.Is(MlflowError.InternalError)) return false;
        string[] missing = ["No such file or directory", "NoSuchKey", "(404)", "BlobNotFound", "No such object"];
        return missing.Any(m => error.Message.Contains(m, StringComparison.Ordinal));
    }

    private static string[] RootPath(string artifactUri, Uri server)
    {
        if (!artifactUri.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new TrackingException("UNSUPPORTED_ARTIFACT_URI",
                $"the run's artifact root '{artifactUri}' is not served by MLflow at {RedactedUrl.WithoutCredentials(server)}; start the server with --serve-artifacts " +
                "(default artifact root mlflow-artifacts:/) so Sentinel can read and write artifacts through it");
        }
        var rest = artifactUri[Scheme.Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            // mlflow-artifacts://host:port/path names the server explicitly; the path is what the proxy needs.
            var slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? "" : rest[slash..];
        }
        return rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string[] Segments(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var segments = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (relativePath.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(relativePath) || segments.Length == 0
            || segments.Any(s => s is "." or ".."))
        {
            throw new ArgumentException($"artifact path '{relativePath}' must be relative to the run's artifact root, with '/' separators and no '.' or '..' segments", nameof(relativePath));
        }
        return segments;
    }
}
