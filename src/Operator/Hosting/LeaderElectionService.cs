using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Hosting;

/// <summary>
/// Runs the controllers only while this replica holds the coordination.k8s.io Lease (KubernetesClient's
/// <see cref="LeaderElector"/>): on losing it every controller stops at once, and the replica stands by to lead again.
/// An API server that cannot be reached never ends the process: a standby keeps trying to acquire, a leader keeps
/// trying to renew until the renew deadline, then steps down and stands by (<see cref="TolerantLeaseLock"/>). On a
/// graceful shutdown the leader stops its controllers, then hands the Lease over so a standby takes it at once.
/// With leader election disabled it simply runs them.
/// </summary>
public sealed class LeaderElectionService(
    IKubernetes kubernetes,
    OperatorRuntime runtime,
    IOptions<OperatorOptions> options,
    OperatorState state,
    OperatorMetrics metrics,
    TimeProvider time,
    ILogger<LeaderElectionService> logger) : BackgroundService
{
    private readonly LeaseApiHealth _health = new(logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var le = options.Value.LeaderElection;
        if (!le.Enabled)
        {
            Lead(true);
            await runtime.RunAsync(stoppingToken);
            return;
        }
        var identity = string.IsNullOrWhiteSpace(le.Identity) ? Environment.MachineName : le.Identity;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TermAsync(le, identity, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Whatever ends a term, the replica stands by and tries again: it must never exit.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var delay = Backoff.LeaderElection.Delay(failures++, Random.Shared.NextDouble());
                RuntimeLog.LeaderElectionTermFailed(logger, e, delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
    }

    /// <summary>One attempt to lead: wait for the Lease, run the controllers while renewing it, stop them when it is lost.</summary>
    public async Task TermAsync(LeaderElectionOptions le, string identity, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(le);
        var lease = new TolerantLeaseLock(new LeaseLock(kubernetes, le.LeaseNamespace, le.LeaseName, identity), _health);
        var config = new LeaderElectionConfig(lease)
        {
            LeaseDuration = TimeSpan.FromSeconds(le.LeaseDurationSeconds),
            RenewDeadline = TimeSpan.FromSeconds(le.RenewDeadlineSeconds),
            RetryPeriod = TimeSpan.FromSeconds(le.RetryPeriodSeconds),
        };
        using var elector = new LeaderElector(config);
        using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var work = Task.CompletedTask;
        var held = false;
        elector.OnStartedLeading += () =>
        {
            held = true;
            Lead(true);
            RuntimeLog.StartedLeading(logger, identity, le.LeaseNamespace, le.LeaseName);
            work = runtime.RunAsync(term.Token);
        };
        elector.OnStoppedLeading += () =>
        {
            term.Cancel();
            Lead(false);
            if (!stoppingToken.IsCancellationRequested) RuntimeLog.StoppedLeading(logger, identity);
        };
        elector.OnNewLeader += leader => RuntimeLog.NewLeader(logger, leader);
        // Failed attempts are already counted by the lock (logged once per outage); anything else is worth a line.
        elector.OnError += e =>
        {
            if (!_health.Failing) RuntimeLog.LeaderElectionError(logger, e);
        };
        try
        {
            await elector.RunUntilLeadershipLostAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await term.CancelAsync();
            await work;
            Lead(false);
            if (held && stoppingToken.IsCancellationRequested) await ReleaseAsync(lease, identity, le);
        }
    }

    /// <summary>
    /// Hands the Lease over after the controllers have stopped: no holder and a one-second duration, as client-go's
    /// <c>ReleaseOnCancel</c> does, so a standby acquires it at its next attempt instead of waiting for it to expire.
    /// Only when this replica still holds it; a failure leaves the Lease to expire as usual.
    /// </summary>
    private async Task ReleaseAsync(TolerantLeaseLock lease, string identity, LeaderElectionOptions le)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, le.RetryPeriodSeconds)), time);
        try
        {
            var record = await lease.GetAsync(timeout.Token);
            if (record.HolderIdentity != identity) return;
            var released = await lease.UpdateAsync(new LeaderElectionRecord
            {
                HolderIdentity = string.Empty,
                LeaseDurationSeconds = 1,
                AcquireTime = record.AcquireTime,
                RenewTime = time.GetUtcNow().UtcDateTime,
                LeaderTransitions = record.LeaderTransitions,
            }, timeout.Token);
            if (released) RuntimeLog.LeaseReleased(logger, identity, le.LeaseNamespace, le.LeaseName);
            else RuntimeLog.LeaseNotReleased(logger, identity, "the update was refused or did not reach the API server");
        }
#pragma warning disable CA1031 // Shutting down: a Lease that could not be released simply expires.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RuntimeLog.LeaseNotReleased(logger, identity, e.Message);
        }
    }

    private void Lead(bool leading)
    {
        state.Leading = leading;
        metrics.Leading(leading);
    }
}
