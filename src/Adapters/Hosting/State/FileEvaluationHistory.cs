using System.Text.Json;
using Sentinel.Core.Errors;
using Sentinel.Core.Monitoring;
using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Hosting.State;

/// <summary>
/// Keeps each specialist's last evaluation as <c>{dataDirectory}/monitor/&lt;type&gt;.json</c>, in the same
/// shape as <c>status.lastEvaluation</c> of the SpecialistModel. Writes go to a temporary file first and
/// are then moved into place, so a crash never leaves a half-written file.
/// </summary>
public sealed class FileEvaluationHistory(string dataDirectory) : IEvaluationHistory
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private string Directory => Path.Combine(dataDirectory, "monitor");

    public async Task<EvaluationStatus?> GetLastAsync(string specialistType, CancellationToken cancellationToken)
    {
        var path = PathOf(specialistType);
        if (!File.Exists(path)) return null;
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<EvaluationStatus>(stream, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid evaluation record ({e.Message}); delete it to start afresh", e);
        }
    }

    public Task SaveAsync(string specialistType, EvaluationStatus evaluation, CancellationToken cancellationToken) =>
        WriteAsync(PathOf(specialistType), evaluation, cancellationToken);

    /// <summary>The last online-signals run, as <c>{dataDirectory}/monitor/&lt;type&gt;.online.json</c>.</summary>
    public Task SaveOnlineSignalsAsync(string specialistType, OnlineSignalsStatus signals, CancellationToken cancellationToken) =>
        WriteAsync(PathOf(specialistType, ".online.json"), signals, cancellationToken);

    private async Task WriteAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temporary = path + ".tmp";
            await using (var stream = File.Create(temporary))
                await JsonSerializer.SerializeAsync(stream, value, Json, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException e)
        {
            throw new DependencyUnavailableException("data-directory", $"cannot write {path}: {e.Message}; check SENTINEL_DATA_DIR is writable", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DependencyUnavailableException("data-directory", $"cannot write {path}: {e.Message}; check SENTINEL_DATA_DIR is writable", e);
        }
    }

    private string PathOf(string specialistType, string extension = ".json")
    {
        if (specialistType.IndexOfAny(['/', '\\']) >= 0 || specialistType.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"'{specialistType}' is not a valid specialist type", nameof(specialistType));
        return Path.Combine(Directory, specialistType + extension);
    }
}
