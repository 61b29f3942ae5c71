using System.Globalization;
using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Datasets;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.Core.Datasets;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>The synthetic rows a retrain starts from, with their provenance.</summary>
public sealed record PreparedDataset(
    IReadOnlyList<DatasetRow> Rows, string Path, string Provider, string Model, string? PromptHash, TimeSpan? GenerationDuration, int FailedCalls);

/// <summary>
/// Step 1: generate a dataset with the specialist's provider (<see cref="DatasetGenerator"/>), write it as Parquet
/// (verified by reading it back) and delete datasets older than 90 days; or, with <c>--skip-dataset-generation</c>,
/// read the newest existing one. Provenance travels in the file's metadata.
/// </summary>
public sealed partial class DatasetStep(
    DatasetStore store, SampleSourceFactory sources, DatasetGenerator generator, TimeProvider time, ILogger<DatasetStep> logger)
{
    private const string ProviderKey = "sentinel.provider", ModelKey = "sentinel.model", PromptHashKey = "sentinel.prompt_hash";

    public async Task<PreparedDataset> GenerateAsync(ResolvedSpecialist specialist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        GeneratedDataset generated;
        using (var source = sources.Create(specialist))
            generated = await generator.GenerateAsync(specialist, source, cancellationToken);

        var now = time.GetUtcNow();
        var path = store.NewPath(specialist.SpecialistType, now);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sentinel.specialist"] = specialist.SpecialistType,
            [ProviderKey] = generated.Provider,
            [ModelKey] = generated.Model,
            ["sentinel.generated_at"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["sentinel.requested"] = generated.Requested.ToString(CultureInfo.InvariantCulture),
        };
        if (generated.PromptHash is { } hash) metadata[PromptHashKey] = hash;
        await ParquetDatasetFile.WriteAsync(path, generated.Rows, metadata, cancellationToken);
        LogWritten(logger, specialist.SpecialistType, generated.Rows.Count, path);

        foreach (var deleted in store.DeleteExpired(specialist.SpecialistType, now)) LogDeleted(logger, specialist.SpecialistType, deleted);
        return new PreparedDataset(generated.Rows, path, generated.Provider, generated.Model, generated.PromptHash, generated.Duration, generated.FailedBatches);
    }

    /// <summary>Reads the newest dataset; throws <see cref="FileNotFoundException"/> when the specialist has none.</summary>
    public async Task<PreparedDataset> LoadNewestAsync(ResolvedSpecialist specialist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var path = store.Newest(specialist.SpecialistType)
            ?? throw new FileNotFoundException(
                $"no dataset in {store.DirectoryOf(specialist.SpecialistType)} to reuse; run once without --skip-dataset-generation to generate one");
        var (rows, metadata) = await ParquetDatasetFile.ReadAsync(path, cancellationToken);
        LogReused(logger, specialist.SpecialistType, rows.Count, path);
        return new PreparedDataset(
            rows, path, metadata.GetValueOrDefault(ProviderKey, "unknown"), metadata.GetValueOrDefault(ModelKey, "unknown"),
            metadata.GetValueOrDefault(PromptHashKey), null, 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: wrote {Rows} generated rows to {Path}")]
    private static partial void LogWritten(ILogger logger, string specialist, int rows, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: reusing {Rows} rows of {Path}")]
    private static partial void LogReused(ILogger logger, string specialist, int rows, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: deleted dataset {Path}, older than 90 days")]
    private static partial void LogDeleted(ILogger logger, string specialist, string path);
}
