using System.Text;
using Sentinel.Adapters.Inference;

namespace Sentinel.ModelServer.Models;

/// <summary>
/// Downloaded registry models on disk, one directory per registered version
/// (<c>{root}/{model}/{version}/model.onnx, labels.json, model.onnx.sha256</c>). A registered version never changes,
/// so a cached copy is served after its recorded hash is checked again; a copy that fails it is deleted and fetched anew.
/// </summary>
internal sealed class ModelCache(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The cached package, or null when it is not cached (or was damaged, in which case <paramref name="damaged"/> is true and the copy is gone).</summary>
    public ModelPackage? TryRead(ModelCandidate candidate, string version, out bool damaged)
    {
        damaged = false;
        var directory = DirectoryFor(candidate.Name, version);
        var model = Path.Combine(directory, ModelArtifacts.ModelFileName);
        var labels = Path.Combine(directory, LabelMap.FileName);
        var checksum = Path.Combine(directory, ModelArtifacts.ChecksumFileName);
        if (!File.Exists(model) || !File.Exists(labels) || !File.Exists(checksum)) return null;

        var bytes = File.ReadAllBytes(model);
        var sha = ModelArtifacts.Sha256(bytes);
        if (ModelArtifacts.ParseChecksum(File.ReadAllText(checksum)) != sha)
        {
            damaged = true;
            Directory.Delete(directory, recursive: true);
            return null;
        }
        var labelMap = ModelArtifacts.ParseLabelMap(File.ReadAllText(labels), $"cached {labels}");
        return new ModelPackage(new ModelIdentity(candidate.Name, version, sha, "cache", candidate.RunId), bytes, labelMap);
    }

    /// <summary>Stores <paramref name="package"/>: written to a scratch directory, then moved into place, so a reader never sees half a model.</summary>
    public void Write(ModelPackage package)
    {
        var directory = DirectoryFor(package.Identity.Name, package.Identity.Version);
        var scratch = directory + ".partial-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(scratch);
        try
        {
            File.WriteAllBytes(Path.Combine(scratch, ModelArtifacts.ModelFileName), package.Model);
            File.WriteAllText(Path.Combine(scratch, LabelMap.FileName), package.LabelMap.ToJson(), Encoding.UTF8);
            File.WriteAllText(Path.Combine(scratch, ModelArtifacts.ChecksumFileName), $"{package.Identity.Sha256}  {ModelArtifacts.ModelFileName}\n", Encoding.ASCII);
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.Move(scratch, directory);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    private string DirectoryFor(string name, string version) => Path.Combine(Root, Safe(name), Safe(version));

    /// <summary>A path segment from a registry name: anything but letters, digits, '.', '_' and '-' becomes '_'; never '.' or '..'.</summary>
    private static string Safe(string value)
    {
        var chars = value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray();
        var safe = new string(chars);
        return safe.Trim('.').Length == 0 ? "_" + safe : safe;
    }
}
