using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class DriftReferenceEventTests
{
    [Fact]
    public void For_RefreshedReference_IsOneEventPerVersionNamingRunAndSize()
    {
        var e = DriftReferenceEvent.For(new DriftReferenceStatus
        {
            Version = 3, Source = "refresh", RunId = "abc", SampleSize = 1200, CreatedAt = new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero),
        });

        Assert.NotNull(e);
        Assert.Equal("v3", e.Occurrence);
        Assert.Equal("Drift reference refreshed to version 3 on MLflow run abc from 1200 healthy predictions at 2026-03-10 06:00:00Z; drift is measured against it from the next evaluation", e.Message);
        Assert.Equal("DriftReferenceRefreshed", DriftReferenceEvent.Reason);
    }

    [Fact]
    public void For_PromotionReferenceOrNone_IsNoEvent()
    {
        Assert.Null(DriftReferenceEvent.For(new DriftReferenceStatus { Version = 1, Source = "promotion", RunId = "abc" }));
        Assert.Null(DriftReferenceEvent.For(null));
    }
}
