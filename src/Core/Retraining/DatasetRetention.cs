namespace Sentinel.Core.Retraining;

/// <summary>Which dataset files are old enough to delete (a pure decision): older than <see cref="MaxAge"/>, never the newest.</summary>
public static class DatasetRetention
{
    /// <summary>Datasets are kept for 90 days.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(90);

    public static IReadOnlyList<string> Expired(IReadOnlyList<(string Path, DateTimeOffset WrittenAt)> files, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(files);
        var newest = files.Count == 0 ? null : files.MaxBy(f => f.WrittenAt).Path;
        return [.. files.Where(f => f.Path != newest && now - f.WrittenAt > maxAge).Select(f => f.Path).Order(StringComparer.Ordinal)];
    }
}
