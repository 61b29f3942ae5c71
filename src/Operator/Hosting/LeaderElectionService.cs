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
/// With leader election disabled it simply runs them.
/// </summary>
public sealed class LeaderElectionService(
    IKubernetes kubernetes,
    OperatorRuntime runtime,
    IOptions<OperatorOptions> options,
    OperatorState state,
    OperatorMetrics metrics,
    ILogger<LeaderElectionService> logger) : BackgroundService
{
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
        while (!stoppingToken.IsCancellationRequested)
            await TermAsync(le, identity, stoppingToken);
    }

    /// <summary>One attempt to lead: wait for the Lease, run the controllers while renewing it, stop them when it is lost.</summary>
    public async Task TermAsync(LeaderElectionOptions le, string identity, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(le);
        var config = new LeaderElectionConfig(new LeaseLock(kubernetes, le.LeaseNamespace, le.LeaseName, identity))
        {
            LeaseDuration = TimeSpan.FromSeconds(le.LeaseDurationSeconds),
            RenewDeadline = TimeSpan.FromSeconds(le.RenewDeadlineSeconds),
            RetryPeriod = TimeSpan.FromSeconds(le.RetryPeriodSeconds),
        };
        using var elector = new LeaderElector(config);
        using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var work = Task.CompletedTask;
        elector.OnStartedLeading += () =>
        {
            Lead(true);
            RuntimeLog.StartedLeading(logger, identity, le.LeaseNamespace, le.LeaseName);
            work = runtime.RunAsync(term.Token);
        };
        elector.OnStoppedLeading += () =>
        {
            term.Cancel();
            Lead(false);
            RuntimeLog.StoppedLeading(logger, identity);
        };
        elector.OnNewLeader += leader => RuntimeLog.NewLeader(logger, leader);
        elector.OnError += e => RuntimeLog.LeaderElectionError(logger, e);
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
        }
    }

    private void Lead(bool leading)
    {
        state.Leading = leading;
        metrics.Leading(leading);
    }
}
