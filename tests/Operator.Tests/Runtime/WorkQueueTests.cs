using Microsoft.Extensions.Time.Testing;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Tests.Runtime;

public sealed class WorkQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_SameKeyTwice_WaitsOnce()
    {
        using var q = new WorkQueue<string>(new FakeTimeProvider());
        q.Add("a");
        q.Add("a");
        q.Add("b");

        Assert.Equal(2, q.Depth);
        Assert.Equal("a", await q.TakeAsync(Ct));
        Assert.Equal("b", await q.TakeAsync(Ct));
        Assert.Equal(0, q.Depth);
    }

    [Fact]
    public async Task Add_WhileProcessing_IsHandedOutOnlyAfterDone()
    {
        using var q = new WorkQueue<string>(new FakeTimeProvider());
        q.Add("a");
        var key = await q.TakeAsync(Ct);

        q.Add("a");
        Assert.Equal(0, q.Depth);
        q.Done(key);

        Assert.Equal(1, q.Depth);
        Assert.Equal("a", await q.TakeAsync(Ct));
    }

    [Fact]
    public async Task AddAfter_KeepsTheEarliestTime()
    {
        var time = new FakeTimeProvider();
        using var q = new WorkQueue<string>(time);
        q.AddAfter("a", TimeSpan.FromMinutes(10));
        q.AddAfter("a", TimeSpan.FromMinutes(1));
        q.AddAfter("a", TimeSpan.FromMinutes(5));

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, q.Depth);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, q.Depth);
        Assert.Equal("a", await q.TakeAsync(Ct));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, q.Depth);
    }

    [Fact]
    public void AddRateLimited_BacksOffExponentially_ForgetResets()
    {
        using var q = new WorkQueue<string>(new FakeTimeProvider(), new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), Jitter: 0));
        var delays = Enumerable.Range(0, 6).Select(_ => q.AddRateLimited("a").TotalMilliseconds).ToList();

        Assert.Equal([100, 200, 400, 800, 1000, 1000], delays);
        Assert.Equal(6, q.Failures("a"));
        q.Forget("a");
        Assert.Equal(100, q.AddRateLimited("a").TotalMilliseconds);
    }

    [Fact]
    public async Task TakeAsync_Cancelled_Throws()
    {
        using var q = new WorkQueue<string>(new FakeTimeProvider());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await q.TakeAsync(cts.Token));
    }
}
