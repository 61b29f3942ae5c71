using System.Diagnostics;
using System.Globalization;
using Sentinel.Operator.Bench;
using Sentinel.Testing.Kube;

// Cold start of the operator as its own process: N SpecialistModels already stored in the Kubernetes API double
// (this process, 127.0.0.1), the operator started with KUBECONFIG pointing at it; time until every one is Ready,
// and the operator process's peak resident set (VmHWM). With --apiserver real: the same against a real etcd and
// kube-apiserver, then CronJob restore and leader failover times (RealApiServerBench).
var settings = BenchSettings.Parse(args);
using var cancel = new CancellationTokenSource(settings.Timeout + TimeSpan.FromMinutes(settings.RealApiServer ? 10 : 2));
if (settings.RealApiServer) return await RealApiServerBench.RunAsync(settings, cancel.Token).ConfigureAwait(false);
await using var server = await FakeKubeApiServer.StartAsync().ConfigureAwait(false);
var work = Directory.CreateTempSubdirectory("sentinel-operator-bench-");
try
{
    using (var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = server.BaseAddress.ToString() }))
        await Specialists.CreateAsync(client, settings.Count, settings.Namespaces, cancel.Token).ConfigureAwait(false);
    var kubeconfig = Kubeconfig.Write(work.FullName, server.BaseAddress, "system:serviceaccount:sentinel:sentinel-operator");
    var requestsBefore = server.Requests;

    var clock = Stopwatch.StartNew();
    using var op = OperatorProcess.Start(settings.OperatorDll, kubeconfig, settings.ServerGc, settings.Workers);
    TimeSpan? firstRequest = null;
    var ready = 0;
    while (clock.Elapsed < settings.Timeout && !op.HasExited)
    {
        if (firstRequest is null && server.Requests > requestsBefore) firstRequest = clock.Elapsed;
        if ((ready = Specialists.ReadyCount(server.Store)) == settings.Count) break;
        await Task.Delay(settings.PollInterval, cancel.Token).ConfigureAwait(false);
    }
    var elapsed = clock.Elapsed;
    if (ready != settings.Count)
    {
        var why = op.HasExited ? $"the operator exited early:\n{op.Tail}" : $"{ready} of {settings.Count} Ready after {elapsed.TotalSeconds:0.0} s";
        await op.StopAsync().ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"cold start failed: {why}").ConfigureAwait(false);
        return 1;
    }
    var peak = op.MemoryMiB("VmHWM");
    var rss = op.MemoryMiB("VmRSS");
    var cpu = ControlPlaneProbe.CpuSeconds(op.Id);
    await op.StopAsync().ConfigureAwait(false);

    var sinceFirst = elapsed - (firstRequest ?? TimeSpan.Zero);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"operator cold start: {settings.Count} SpecialistModels in {settings.Namespaces} namespaces Ready in {elapsed.TotalSeconds:0.00} s from launch ({sinceFirst.TotalSeconds:0.00} s from its first API request), peak RSS {peak:0.0} MiB (RSS at the end {rss:0.0} MiB), operator CPU {cpu:0.0} s, {server.Requests - requestsBefore} API requests, {op.OutputLines} log lines, {(settings.ServerGc is { } gc ? (gc ? "server" : "workstation") + " GC" : "GC as built")}"));
    return 0;
}
finally
{
    work.Delete(recursive: true);
}
