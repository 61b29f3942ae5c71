using Microsoft.Extensions.Time.Testing;
using Sentinel.Core.Retraining;

namespace Sentinel.Core.Tests.Retraining;

public sealed class DatasetRetentionTests
{
    [Fact]
    public void Expired_FilesOlderThanNinetyDays_AreExpiredExceptTheNewest()
    {
        var now = new FakeTimeProvider(new DateTimeOffset(2025, 11, 23, 0, 0, 0, TimeSpan.Zero)).GetUtcNow();
        (string, DateTimeOffset)[] files =
        [
            ("a.parquet", now.AddDays(-200)),
            ("b.parquet", now.AddDays(-91)),
            ("c.parquet", now.AddDays(-90)),
            ("d.parquet", now.AddDays(-1)),
        ];

        Assert.Equal(["a.parquet", "b.parquet"], DatasetRetention.Expired(files, now, DatasetRetention.MaxAge));
    }

    [Fact]
    public void Expired_OnlyOldFiles_KeepsTheNewestSoARetrainCanReuseIt()
    {
        var now = new FakeTimeProvider(new DateTimeOffset(2025, 11, 23, 0, 0, 0, TimeSpan.Zero)).GetUtcNow();
        (string, DateTimeOffset)[] files = [("old.parquet", now.AddDays(-300)), ("older.parquet", now.AddDays(-400))];

        Assert.Equal(["older.parquet"], DatasetRetention.Expired(files, now, DatasetRetention.MaxAge));
    }
}
