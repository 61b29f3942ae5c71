using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Drift = Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>
/// The versioned drift references of a champion's run. Version 1 is what AutoRetrain records at promotion
/// (<see cref="BaselineArtifact.Path"/> and <see cref="ReferenceFeaturesArtifact.Path"/>); a refresh writes version n
/// under <c>baseline/reference/v{n}/</c> (the same two files), then the pointer <see cref="PointerPath"/>:
/// <code>{"format_version": 1, "version": 2, "source": "refresh", "created_at": "2026-03-08T06:00:00+00:00", "sample_size": 4210}</code>
/// The pointer is written last, so a refresh that fails half-way leaves the previous version in force (orphaned files
/// of the unfinished version are overwritten by the next attempt). Readers take the version the pointer names, and
/// version 1 from promotion without a pointer.
/// </summary>
public static class DriftReferenceArtifact
{
    public const string PointerPath = "baseline/reference/current.json";

    public const int FormatVersion = 1;

    /// <summary>Where version <paramref name="version"/>'s class distribution lives.</summary>
    public static string DistributionPath(int version) => version <= 1 ? BaselineArtifact.Path : Invariant($"baseline/reference/v{version}/class_distribution.json");

    /// <summary>Where version <paramref name="version"/>'s reference sample of input features lives.</summary>
    public static string FeaturesPath(int version) => version <= 1 ? ReferenceFeaturesArtifact.Path : Invariant($"baseline/reference/v{version}/reference_features.json");

    public static byte[] SerializePointer(DriftReferenceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return JsonSerializer.SerializeToUtf8Bytes(
            new PointerDocument(FormatVersion, info.Version, DriftReferenceInfo.SourceName(info.Source), info.CreatedAt, info.SampleSize),
            PointerJson.Default.PointerDocument);
    }

    /// <summary>The reference the pointer names on <paramref name="runId"/>; throws <see cref="FormatException"/> naming the artifact when malformed.</summary>
    public static DriftReferenceInfo ParsePointer(ReadOnlySpan<byte> json, string runId)
    {
        PointerDocument? d;
        try
        {
            d = JsonSerializer.Deserialize(json, PointerJson.Default.PointerDocument);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{PointerPath} is not a drift reference pointer ({e.Message}); delete it to fall back to the reference recorded at promotion.", e);
        }
        if (d is not { FormatVersion: FormatVersion, Version: >= 1 and var version, Source: "promotion" or "refresh" })
            throw new FormatException($"{PointerPath} lacks a format_version {FormatVersion}, a version of at least 1 or a source (promotion or refresh); delete it to fall back to the reference recorded at promotion.");
        return new DriftReferenceInfo(version, d.Source == "refresh" ? DriftReferenceSource.Refresh : DriftReferenceSource.Promotion, runId, d.CreatedAt, d.SampleSize);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The drift reference of a champion's run, versioned (<see cref="DriftReferenceArtifact"/>): which one is in force, and
/// recording a refreshed one. An unreachable store throws <see cref="Errors.DependencyUnavailableException"/>, a
/// refused write <see cref="Tracking.TrackingException"/>.
/// </summary>
public interface IDriftReferenceStore
{
    /// <summary>The reference in force on <paramref name="runId"/>: the pointer's version, else version 1 when the promotion recorded a class distribution or a reference sample, else null.</summary>
    Task<DriftReferenceInfo?> FindInfoAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Writes version <see cref="DriftReferenceInfo.Version"/>'s files on its run, then the pointer: only a completed write changes what readers see.</summary>
    Task RecordAsync(DriftReferenceInfo info, Drift.ClassDistribution distribution, ReferenceFeatures features, CancellationToken cancellationToken);
}

internal sealed record PointerDocument(
    [property: JsonPropertyName("format_version")] int? FormatVersion,
    [property: JsonPropertyName("version")] int? Version,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("sample_size")] long? SampleSize);

[JsonSerializable(typeof(PointerDocument))]
internal sealed partial class PointerJson : JsonSerializerContext;
