using Sentinel.Adapters.Inference;

namespace Sentinel.ModelServer.Models;

/// <summary>
/// A local <c>model.onnx</c> with <c>labels.json</c> beside it (local runs, tests, air-gapped installs). Replacing the
/// file (size or modification time changes) makes a new candidate, so the file is hot-swapped like a champion.
/// </summary>
internal sealed class FileModelSource(string modelPath, string name, string? version) : IModelSource
{
    private readonly string _modelPath = Path.GetFullPath(modelPath);

    public string Description => $"model file {_modelPath}";

    public Task<ModelCandidate?> FindAsync(CancellationToken cancellationToken)
    {
        var file = new FileInfo(_modelPath);
        var labels = new FileInfo(LabelsPath);
        if (!file.Exists) return Task.FromResult<ModelCandidate?>(null);
        var key = $"{file.Length}:{file.LastWriteTimeUtc.Ticks}:{(labels.Exists ? labels.LastWriteTimeUtc.Ticks : 0)}";
        return Task.FromResult<ModelCandidate?>(new ModelCandidate(name, key, Description));
    }

    public async Task<ModelPackage> FetchAsync(ModelCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        byte[] model;
        string labels;
        try
        {
            model = await File.ReadAllBytesAsync(_modelPath, cancellationToken);
            labels = await File.ReadAllTextAsync(LabelsPath, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelRejectedException($"{Description}: cannot read the model or {LabelMap.FileName} ({e.Message})", e);
        }
        var sha = ModelArtifacts.Sha256(model);
        var labelMap = ModelArtifacts.ParseLabelMap(labels, LabelsPath);
        return new ModelPackage(new ModelIdentity(name, version ?? $"file-{sha[..12]}", sha, "file", null), model, labelMap);
    }

    private string LabelsPath => Path.Combine(Path.GetDirectoryName(_modelPath)!, LabelMap.FileName);
}
