using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Sentinel.Testing.Kube;

namespace Sentinel.Operator.Bench;

/// <summary>
/// The operator against a real etcd and kube-apiserver 1.24 on loopback, as its shipped ServiceAccount and RBAC:
/// cold start with N SpecialistModels (time until all Ready, peak resident set), the time to restore a CronJob deleted
/// by hand, and the failover time of two replicas with leader election after the leader's SIGTERM and SIGKILL —
/// measured as what an operator of the cluster sees: from the signal until a CronJob deleted at that moment is back.
/// </summary>
internal static class RealApiServerBench
{
    private const string LeaseNamespace = "sentinel";
    private const int Restores = 5;

    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken ct)
    {
        Console.WriteLine("starting etcd and kube-apiserver 1.24 on 127.0.0.1 …");
        await using var plane = await ControlPlane.StartAsync().ConfigureAwait(false);
        using var admin = plane.NewAdminClient();
        var namespaces = Enumerable.Range(0, settings.Namespaces).Select(i => $"team-{i}").ToList();
        await SentinelInstall.InstallAsync(admin, namespaces, ct).ConfigureAwait(false);
        var creating = Stopwatch.StartNew();
        await Specialists.CreateAsync(admin, settings.Count, settings.Namespaces, ct).ConfigureAwait(false);
        Console.WriteLine(Invariant($"created {settings.Count} SpecialistModels in {settings.Namespaces} namespaces in {creating.Elapsed.TotalSeconds:0.0} s"));
        var work = Directory.CreateTempSubdirectory("sentinel-operator-bench-");
        try
        {
            var kubeconfig = Kubeconfig.Write(work.FullName, plane.Address, await SentinelInstall.OperatorTokenAsync(admin, ct).ConfigureAwait(false));
            if (!await ColdStartAsync(settings, plane, admin, kubeconfig, ct).ConfigureAwait(false)) return 1;
            if (settings.Failover) await FailoverAsync(settings, admin, kubeconfig, ct).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<bool> ColdStartAsync(BenchSettings settings, ControlPlane plane, Kubernetes admin, string kubeconfig, CancellationToken ct)
    {
        var probe = new ControlPlaneProbe(plane);
        var before = await probe.TakeAsync(ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        using var op = OperatorProcess.Start(settings.OperatorDll, kubeconfig, settings.ServerGc, settings.Workers);
        var ready = await Specialists.WaitReadyAsync(admin, settings.Count, settings.Timeout, () => op.HasExited, ct).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        if (ready != settings.Count)
        {
            var why = op.HasExited ? $"the operator exited early:\n{op.Tail}" : $"{ready} of {settings.Count} Ready after {elapsed.TotalSeconds:0.0} s";
            await op.StopAsync().ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"cold start failed: {why}").ConfigureAwait(false);
            return false;
        }
        var peak = op.MemoryMiB("VmHWM");
        var operatorCpu = ControlPlaneProbe.CpuSeconds(op.Id);
        var after = await probe.TakeAsync(ct).ConfigureAwait(false);
        Console.WriteLine(Invariant(
            $"operator cold start (real API server): {settings.Count} SpecialistModels Ready in {elapsed.TotalSeconds:0.00} s from launch (watched), peak RSS {peak:0.0} MiB, {op.OutputLines} log lines"));
        var requests = ControlPlaneProbe.Delta(before, after).ToList();
        Console.WriteLine(Invariant(
            $"  CPU during the cold start: operator {operatorCpu:0.0} s, kube-apiserver {after.ApiServerCpu - before.ApiServerCpu:0.0} s, etcd {after.EtcdCpu - before.EtcdCpu:0.0} s; {requests.Sum(r => r.Count)} API requests (watches left out):"));
        Console.WriteLine("  " + string.Join(", ", requests.Select(r => Invariant($"{r.Request} {r.Count}"))));

        var restores = new List<double>();
        for (var i = 0; i < Restores; i++)
            restores.Add((await RestoreAsync(admin, $"specialist-{i * 7:D4}", $"team-{i * 7 % settings.Namespaces}", () => Task.CompletedTask, ct).ConfigureAwait(false)).TotalMilliseconds);
        restores.Sort();
        Console.WriteLine(Invariant($"hand-deleted CronJob restored after {restores[Restores / 2]:0} ms (median of {Restores}; min {restores[0]:0}, max {restores[^1]:0})"));
        await op.StopAsync().ConfigureAwait(false);
        return true;
    }

    private static async Task FailoverAsync(BenchSettings settings, Kubernetes admin, string kubeconfig, CancellationToken ct)
    {
        var replicas = new Dictionary<string, OperatorProcess>(StringComparer.Ordinal);
        OperatorProcess Start(string identity) => replicas[identity] = OperatorProcess.Start(settings.OperatorDll, kubeconfig, settings.ServerGc, settings.Workers, new Dictionary<string, string>
        {
            ["Sentinel__Operator__LeaderElection__Enabled"] = "true",
            ["Sentinel__Operator__LeaderElection__Identity"] = identity,
            ["Sentinel__Operator__LeaderElection__LeaseNamespace"] = LeaseNamespace,
        });
        try
        {
            Start("replica-a");
            var leader = await HolderAsync(admin, null, ct).ConfigureAwait(false);
            Start(leader == "replica-a" ? "replica-b" : "replica-a");
            await Task.Delay(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false); // the standby is up and trying the Lease
            foreach (var signal in new[] { "TERM", "KILL" })
            {
                var old = leader;
                var took = await RestoreAsync(admin, "specialist-0001", "team-1", () => replicas[old].SignalAsync(signal), ct).ConfigureAwait(false);
                leader = await HolderAsync(admin, old, ct).ConfigureAwait(false);
                Console.WriteLine(Invariant(
                    $"failover after SIG{signal} of the leader ({old} → {leader}): a CronJob deleted at the signal restored by the new leader after {took.TotalSeconds:0.00} s (leader election defaults: lease 15 s, renew deadline 10 s, retry 2 s)"));
                await replicas[old].WaitForExitAsync(ct).ConfigureAwait(false);
                replicas[old].Dispose();
                Start(old); // a standby again for the next round
                await Task.Delay(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var replica in replicas.Values)
            {
                if (!replica.HasExited) await replica.StopAsync().ConfigureAwait(false);
                replica.Dispose();
            }
        }
    }

    /// <summary>Deletes the specialist's monitor CronJob right after <paramref name="before"/>; the time until a new one exists.</summary>
    private static async Task<TimeSpan> RestoreAsync(Kubernetes admin, string specialist, string ns, Func<Task> before, CancellationToken ct)
    {
        var name = $"{specialist}-monitor";
        var uid = (await admin.BatchV1.ReadNamespacedCronJobAsync(name, ns, cancellationToken: ct).ConfigureAwait(false)).Metadata.Uid;
        var clock = Stopwatch.StartNew();
        await before().ConfigureAwait(false);
        await admin.BatchV1.DeleteNamespacedCronJobAsync(name, ns, cancellationToken: ct).ConfigureAwait(false);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if ((await admin.BatchV1.ReadNamespacedCronJobAsync(name, ns, cancellationToken: ct).ConfigureAwait(false)).Metadata.Uid != uid) return clock.Elapsed;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // not restored yet
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"CronJob {ns}/{name} not restored within 2 minutes");
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the Lease has a holder other than <paramref name="not"/> and returns it.</summary>
    private static async Task<string> HolderAsync(Kubernetes admin, string? not, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                var lease = await admin.CoordinationV1.ReadNamespacedLeaseAsync("sentinel-operator", LeaseNamespace, cancellationToken: ct).ConfigureAwait(false);
                if (lease.Spec.HolderIdentity is { Length: > 0 } holder && holder != not) return holder;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // no Lease yet
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
        }
        throw new TimeoutException("no replica took the Lease within 2 minutes");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
