using System.Net;
using k8s.Autorest;
using k8s.LeaderElection;
using Microsoft.Extensions.Logging.Abstractions;
using Sentinel.Operator.Hosting;

namespace Sentinel.Operator.Tests.Hosting;

public sealed class TolerantLeaseLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class ScriptedLock(Exception? failure) : ILock
    {
        public string Identity => "replica-a";
        public string Describe() => "sentinel/sentinel-operator";
        public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default) =>
            failure is null ? Task.FromResult(new LeaderElectionRecord { HolderIdentity = "replica-a" }) : Task.FromException<LeaderElectionRecord>(failure);
        public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
            failure is null ? Task.FromResult(true) : Task.FromException<bool>(failure);
        public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
            failure is null ? Task.FromResult(true) : Task.FromException<bool>(failure);
    }

    private static (TolerantLeaseLock Lock, LeaseApiHealth Health) With(Exception? failure)
    {
        var health = new LeaseApiHealth(NullLogger.Instance);
        return (new TolerantLeaseLock(new ScriptedLock(failure), health), health);
    }

    private static HttpOperationException Status(HttpStatusCode code) =>
        new("api error") { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), string.Empty) };

    [Fact]
    public async Task Get_ConnectionRefused_BecomesTheServiceUnavailableAnswerTheElectorRetries()
    {
        var (lease, health) = With(new HttpRequestException("Connection refused (127.0.0.1:6443)"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => lease.GetAsync(Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Response.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.True(health.Failing);
    }

    [Fact]
    public async Task Writes_TransportFailure_AreNotWritten_InsteadOfThrowing()
    {
        var (lease, health) = With(new IOException("connection reset by peer"));

        Assert.False(await lease.CreateAsync(new LeaderElectionRecord(), Ct));
        Assert.False(await lease.UpdateAsync(new LeaderElectionRecord(), Ct));
        Assert.True(health.Failing);
    }

    [Fact]
    public async Task Get_NotFound_PassesThrough_AndCountsAsReachingTheServer()
    {
        var (lease, health) = With(Status(HttpStatusCode.NotFound));
        health.Failed(new HttpRequestException("earlier outage"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => lease.GetAsync(Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.False(health.Failing);
    }

    [Fact]
    public async Task Get_CallerCancelled_IsNoOutage()
    {
        var (lease, health) = With(new TaskCanceledException());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => lease.GetAsync(cancelled.Token));
        Assert.False(health.Failing);
    }

    [Fact]
    public async Task Get_Answered_EndsTheOutage()
    {
        var (lease, health) = With(null);
        health.Failed(new HttpRequestException("earlier outage"));

        Assert.Equal("replica-a", (await lease.GetAsync(Ct)).HolderIdentity);
        Assert.False(health.Failing);
    }
}
