using System.Net;
using System.Net.Sockets;
using k8s.Autorest;
using k8s.LeaderElection;

namespace Sentinel.Operator.Hosting;

/// <summary>
/// The Lease lock as KubernetesClient's <see cref="LeaderElector"/> expects it to fail. The elector counts an API error
/// (<see cref="HttpOperationException"/>) as one failed attempt and tries again after the retry period: a standby keeps
/// trying to acquire, a leader keeps trying to renew until the renew deadline and then steps down. A transport failure
/// (connection refused while the API server restarts, a reset, a timeout) escaped it instead and ended the process; here
/// it becomes the same failed attempt: a read answers 503, a write answers "not written".
/// </summary>
public sealed class TolerantLeaseLock(ILock inner, LeaseApiHealth health) : ILock
{
    public string Identity => inner.Identity;

    public string Describe() => inner.Describe();

    public async Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var record = await inner.GetAsync(cancellationToken);
            health.Succeeded();
            return record;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            health.Succeeded();
            throw;
        }
        catch (HttpOperationException e)
        {
            health.Failed(e);
            throw;
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            health.Failed(e);
            throw Unavailable(e);
        }
    }

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        WriteAsync(() => inner.CreateAsync(record, cancellationToken), cancellationToken);

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        WriteAsync(() => inner.UpdateAsync(record, cancellationToken), cancellationToken);

    private async Task<bool> WriteAsync(Func<Task<bool>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            health.Failed(e);
            return false;
        }
    }

    /// <summary>The call did not reach the server or got no answer; the caller's own cancellation is not a failure.</summary>
    public static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException;

    private static HttpOperationException Unavailable(Exception cause) => new($"the Lease could not be read: {cause.Message}", cause)
    {
        Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), string.Empty),
    };
}
