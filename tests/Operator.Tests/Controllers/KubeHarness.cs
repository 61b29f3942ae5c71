using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Hosting;
using Sentinel.Operator.Kube;
using Sentinel.Operator.Runtime;
using Sentinel.Testing.Kube;

namespace Sentinel.Operator.Tests.Controllers;

/// <summary>The Kubernetes API double, a client pointed at it, and operators started and stopped against it.</summary>
internal sealed class KubeHarness : IAsyncDisposable
{
    private readonly List<(CancellationTokenSource Stop, Task Run)> _operators = [];

    private KubeHarness(FakeKubeApiServer server)
    {
        Server = server;
        Client = NewClient();
    }

    public FakeKubeApiServer Server { get; }
    public IKubernetes Client { get; }
    public KubernetesStatusWriter Status => new(Client);

    public static async Task<KubeHarness> StartAsync() => new(await FakeKubeApiServer.StartAsync());

    /// <summary>The caller the operator's clients present (a bearer token), so tests can tell its requests from their own.</summary>
    public const string OperatorUser = "system:serviceaccount:sentinel:sentinel-operator";

    /// <summary>A client of the API double; <paramref name="user"/> is sent as its bearer token and recorded in <see cref="FakeKubeApiServer.Accesses"/>.</summary>
    public IKubernetes NewClient(string? user = null) =>
        new k8s.Kubernetes(new KubernetesClientConfiguration { Host = Server.BaseAddress.ToString(), AccessToken = user });

    public (OperatorRuntime Runtime, OperatorState State, OperatorMetrics Metrics) NewRuntime(OperatorOptions? options = null, IKubernetes? client = null, TimeProvider? time = null)
    {
        client ??= NewClient(OperatorUser);
        return RuntimeFor(client, options ?? TestData.Options(), time ?? TimeProvider.System);
    }

    /// <summary>An operator runtime as the host builds it, talking to whichever API server <paramref name="client"/> points at.</summary>
    public static (OperatorRuntime Runtime, OperatorState State, OperatorMetrics Metrics) RuntimeFor(IKubernetes client, OperatorOptions options, TimeProvider time)
    {
        var state = new OperatorState();
        var metrics = new OperatorMetrics(Metrics.NewCustomRegistry());
        var writer = new KubernetesStatusWriter(client);
        var runtime = new OperatorRuntime(client, Options.Create(options), SeedDefaults.Builtin, writer, writer,
            new EventRecorder(client, time, NullLogger<EventRecorder>.Instance), metrics, state, time, NullLoggerFactory.Instance);
        return (runtime, state, metrics);
    }

    /// <summary>
    /// A replica as the host runs it with leader election on (Lease <c>sentinel/sentinel-operator</c>, retry every
    /// second), talking to whichever API server <paramref name="client"/> points at.
    /// </summary>
    public static (LeaderElectionService Service, OperatorState State) Replica(IKubernetes client, string identity, int leaseDurationSeconds, int renewDeadlineSeconds)
    {
        var options = TestData.Options();
        options.LeaderElection = new LeaderElectionOptions
        {
            Enabled = true, LeaseName = "sentinel-operator", LeaseNamespace = "sentinel", Identity = identity,
            LeaseDurationSeconds = leaseDurationSeconds, RenewDeadlineSeconds = renewDeadlineSeconds, RetryPeriodSeconds = 1,
        };
        var (runtime, state, metrics) = RuntimeFor(client, options, TimeProvider.System);
        return (new LeaderElectionService(client, runtime, Options.Create(options), state, metrics, TimeProvider.System, NullLogger<LeaderElectionService>.Instance), state);
    }

    /// <summary>Starts an operator; dispose the returned handle (or the harness) to stop it.</summary>
    /// <summary>The metrics of the operator started last.</summary>
    public OperatorMetrics? LastMetrics { get; private set; }

    public async Task<OperatorState> StartOperatorAsync(OperatorOptions? options = null, TimeProvider? time = null)
    {
        var (runtime, state, metrics) = NewRuntime(options, time: time);
        LastMetrics = metrics;
        var stop = new CancellationTokenSource();
        _operators.Add((stop, runtime.RunAsync(stop.Token)));
        await Eventually.TrueAsync(() => Task.FromResult(state.Synced), "the operator's caches sync");
        return state;
    }

    public async Task StopOperatorsAsync()
    {
        foreach (var (stop, run) in _operators)
        {
            await stop.CancelAsync();
            await run;
            stop.Dispose();
        }
        _operators.Clear();
    }

    public Task<V1Alpha1SpecialistModel> CreateAsync(V1Alpha1SpecialistModel s) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1SpecialistModel>(s, SentinelResources.Group, SentinelResources.Version,
            s.Metadata.NamespaceProperty, SentinelResources.SpecialistModelPlural);

    public Task<V1Alpha1RetrainRun> CreateAsync(V1Alpha1RetrainRun r) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1RetrainRun>(r, SentinelResources.Group, SentinelResources.Version,
            r.Metadata.NamespaceProperty, SentinelResources.RetrainRunPlural);

    public Task<V1Alpha1SpecialistModel> GetSpecialistAsync(string name, string ns = "ml") =>
        Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SpecialistModel>(SentinelResources.Group, SentinelResources.Version, ns, SentinelResources.SpecialistModelPlural, name);

    public Task<V1Alpha1RetrainRun> GetRunAsync(string name, string ns = "ml") =>
        Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1RetrainRun>(SentinelResources.Group, SentinelResources.Version, ns, SentinelResources.RetrainRunPlural, name);

    public async Task<IList<V1Alpha1RetrainRun>> RunsAsync(string ns = "ml") =>
        (await Client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<V1Alpha1RetrainRun>>(SentinelResources.Group, SentinelResources.Version, ns, SentinelResources.RetrainRunPlural)).Items;

    public async Task<V1CronJob?> CronJobAsync(string name, string ns = "ml") =>
        (await Client.BatchV1.ListNamespacedCronJobAsync(ns)).Items.FirstOrDefault(c => c.Metadata.Name == name);

    public async Task<IList<Corev1Event>> EventsAsync(string ns = "ml") => (await Client.CoreV1.ListNamespacedEventAsync(ns)).Items;

    /// <summary>
    /// Waits for an Event that matches: the operator records an Event after the status write a test waits on, so the
    /// Event may arrive a moment later.
    /// </summary>
    public Task<Corev1Event> EventAsync(Func<Corev1Event, bool> match, string what, string ns = "ml") =>
        Eventually.ValueAsync(async () => (await EventsAsync(ns)).FirstOrDefault(match), what);

    /// <summary>Writes an evaluation as the MonitorJob does: a merge patch of <c>status.lastEvaluation</c>.</summary>
    public Task ReportEvaluationAsync(string specialist, bool degraded, DateTimeOffset at, string ns = "ml") =>
        Status.PatchSpecialistStatusAsync(ns, specialist, new SpecialistModelStatus
        {
            LastEvaluation = new EvaluationStatus
            {
                Time = at, Degraded = degraded, Status = degraded ? "Degraded" : "Healthy", Score = degraded ? 0.58 : 0.84,
                F1 = degraded ? 0.61 : 0.88, Reasons = degraded ? ["f1_score 0.61 < 0.72"] : [],
            },
        }, CancellationToken.None);

    /// <summary>Plays the Job controller: marks a Job Complete or Failed through its status subresource.</summary>
    public Task FinishJobAsync(string name, bool succeeded, string ns = "ml")
    {
        var now = DateTime.UtcNow;
        var status = new V1JobStatus
        {
            StartTime = now.AddMinutes(-5),
            CompletionTime = succeeded ? now : null,
            Succeeded = succeeded ? 1 : 0,
            Failed = succeeded ? 0 : 1,
            Conditions = [new V1JobCondition { Type = succeeded ? "Complete" : "Failed", Status = "True", Reason = succeeded ? null : "BackoffLimitExceeded", Message = succeeded ? null : "Job has reached the specified backoff limit", LastTransitionTime = now }],
        };
        return Client.BatchV1.PatchNamespacedJobStatusAsync(new V1Patch(KubernetesJson.Serialize(new { status }), V1Patch.PatchType.MergePatch), name, ns);
    }

    public async ValueTask DisposeAsync()
    {
        await StopOperatorsAsync();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Polls a condition until it holds or a deadline passes (the operator works asynchronously).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> check, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (await check()) return;
            await Task.Delay(25);
        }
        Assert.Fail($"timed out waiting until {what}");
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> get, string what, TimeSpan? timeout = null) where T : class
    {
        T? value = null;
        await TrueAsync(async () => (value = await get()) is not null, what, timeout);
        return value!;
    }
}
