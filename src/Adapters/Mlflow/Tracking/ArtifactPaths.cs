using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tracking;

/// <summary>
/// Where a run's artifacts live on disk: <c>{root}/&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts/&lt;path&gt;</c>, the layout
/// of MLflow's artifact store. Relative paths only: absolute paths and <c>..</c> are refused.
/// </summary>
internal static class ArtifactPaths
{
    public static string RunRoot(string artifactsRoot, string experimentId, string runId) =>
        Path.Combine(artifactsRoot, experimentId, runId, "artifacts");

    /// <summary>The file for <paramref name="relativePath"/> under <paramref name="runRoot"/>, or a refusal saying why.</summary>
    public static string Resolve(string runRoot, string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath))
            throw Invalid(relativePath, "it is empty");
        if (Path.IsPathRooted(relativePath) || relativePath.StartsWith('/') || relativePath.StartsWith('\\') || relativePath.Contains(':', StringComparison.Ordinal))
            throw Invalid(relativePath, "it is absolute; give a path relative to the run's artifact root, such as 'model/model.onnx'");
        var segments = relativePath.Split('/', '\\');
        if (segments.Any(s => s == ".."))
            throw Invalid(relativePath, "'..' would leave the run's artifact root");
        if (segments.Any(s => s.Length == 0 || s == "."))
            throw Invalid(relativePath, "it has an empty or '.' segment");

        var root = Path.GetFullPath(runRoot);
        var full = Path.GetFullPath(Path.Combine([root, .. segments]));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw Invalid(relativePath, "it leaves the run's artifact root");
        return full;
    }

    private static TrackingException Invalid(string path, string why) =>
        new(RegistryRules.InvalidParameterValue, $"Invalid artifact path '{path}': {why}.");
}
