using System.Globalization;
using Sentinel.Core.Retraining;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// The generated datasets on disk: <c>{root}/&lt;type&gt;/&lt;UTC time&gt;.parquet</c>, newest by name (the name is the
/// write time, so it sorts). Files older than <see cref="DatasetRetention.MaxAge"/> are deleted, never the newest.
/// </summary>
public sealed class DatasetStore(string root)
{
    public const string DirectoryName = "datasets";
    public const string Extension = ".parquet";

    public string Root => root;

    public string DirectoryOf(string specialistType)
    {
        if (specialistType.IndexOfAny(['/', '\\']) >= 0 || specialistType.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"'{specialistType}' is not a valid specialist type", nameof(specialistType));
        return Path.Combine(root, specialistType);
    }

    /// <summary>Where a dataset written at <paramref name="now"/> goes.</summary>
    public string NewPath(string specialistType, DateTimeOffset now) =>
        Path.Combine(DirectoryOf(specialistType), now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + Extension);

    /// <summary>The newest dataset of the specialist; null when there is none.</summary>
    public string? Newest(string specialistType)
    {
        var dir = DirectoryOf(specialistType);
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*" + Extension).Max(StringComparer.Ordinal) : null;
    }

    /// <summary>Deletes the specialist's datasets older than <see cref="DatasetRetention.MaxAge"/>; returns the deleted paths.</summary>
    public IReadOnlyList<string> DeleteExpired(string specialistType, DateTimeOffset now)
    {
        var dir = DirectoryOf(specialistType);
        if (!Directory.Exists(dir)) return [];
        var files = Directory.EnumerateFiles(dir, "*" + Extension)
            .Select(f => (f, new DateTimeOffset(File.GetLastWriteTimeUtc(f), TimeSpan.Zero)))
            .ToList();
        var expired = DatasetRetention.Expired(files, now, DatasetRetention.MaxAge);
        foreach (var path in expired) File.Delete(path);
        return expired;
    }
}
