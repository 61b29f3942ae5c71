using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Mlflow;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// The MLflow double holding the versions of one registered model, each from a finished run with the seed's metrics (0.9),
/// read and written through Sentinel's own tracking client: the registry side of the rollout and rollback scenarios.
/// </summary>
internal sealed class RegistryScenario : IAsyncDisposable
{
    public const string Model = "sentiment-specialist";
    public const string AliasPath = "/api/2.0/mlflow/registered-models/alias";
    public const string StagePath = "/api/2.0/mlflow/model-versions/transition-stage";

    private readonly ServiceProvider _services;

    private RegistryScenario(MlflowServerDouble mlflow, ServiceProvider services) => (Mlflow, _services) = (mlflow, services);

    public MlflowServerDouble Mlflow { get; }

    public ITrackingStore Registry => _services.GetRequiredService<ITrackingStore>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<RegistryScenario> StartAsync()
    {
        var mlflow = await MlflowServerDouble.StartAsync(Ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Mlflow:TrackingUri"] = mlflow.BaseUri.ToString(),
        }).Build();
        return new RegistryScenario(mlflow, new ServiceCollection().AddLogging().AddMlflowTracking(configuration).BuildServiceProvider());
    }

    /// <summary>Registers one version per alias, in order (versions 1, 2, …), each from its own finished run; returns the runs' ids.</summary>
    public async Task<IReadOnlyList<string>> RegisterAsync(params string[] aliases)
    {
        var experiment = await Registry.GetOrCreateExperimentAsync(Model, Ct);
        var runs = new List<string>();
        foreach (var alias in aliases)
        {
            var now = DateTimeOffset.UtcNow;
            var run = await Registry.CreateRunAsync(experiment, alias, new Dictionary<string, string>(), now, Ct);
            await Registry.LogBatchAsync(run.RunId, [new("precision", 0.9, now), new("recall", 0.9, now), new("f1_score", 0.9, now), new("accuracy", 0.9, now)],
                new Dictionary<string, string>(), new Dictionary<string, string>(), Ct);
            await Registry.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, now, Ct);
            var version = await Registry.RegisterModelVersionAsync(Model, run, "model", Ct);
            await Registry.SetAliasAsync(Model, alias, version.Version, Ct);
            runs.Add(run.RunId);
        }
        return runs;
    }

    /// <summary>The monitor's environment over <paramref name="data"/> and this registry (no retries, so a fault fails the call).</summary>
    public Dictionary<string, string> Environment(LocalData data) => new(data.Environment)
    {
        ["MLFLOW_TRACKING_URI"] = Mlflow.BaseUri.ToString(),
        ["Sentinel__Mlflow__MaxRetryAttempts"] = "0",
    };

    public async Task<string?> AliasAsync(string alias) => (await Registry.GetModelVersionByAliasAsync(Model, alias, Ct))?.Version;

    /// <summary>The tags of <paramref name="version"/> (read through a scratch alias: the client reads versions by alias).</summary>
    public async Task<IReadOnlyDictionary<string, string>> TagsAsync(string version)
    {
        await Registry.SetAliasAsync(Model, "lookup", version, Ct);
        var tags = (await Registry.GetModelVersionByAliasAsync(Model, "lookup", Ct))!.Tags;
        await Registry.DeleteAliasAsync(Model, "lookup", Ct);
        return tags;
    }

    /// <summary>The stage of <paramref name="version"/> (read through a scratch alias, as <see cref="TagsAsync"/>).</summary>
    public async Task<string> StageAsync(string version)
    {
        await Registry.SetAliasAsync(Model, "lookup", version, Ct);
        var stage = (await Registry.GetModelVersionByAliasAsync(Model, "lookup", Ct))!.Stage;
        await Registry.DeleteAliasAsync(Model, "lookup", Ct);
        return stage;
    }

    /// <summary>The <paramref name="nth"/> alias write from now on (the reads before and between answer) answers 503.</summary>
    public void FailAliasWrite(int nth)
    {
        var before = Mlflow.Requests.Count(r => r == "POST " + AliasPath);
        void Arm() => Mlflow.Faults.BeforeNext(AliasPath, _ =>
        {
            if (Mlflow.Requests.Count(r => r == "POST " + AliasPath) - before == nth && Mlflow.Requests[^1] == "POST " + AliasPath)
                Mlflow.Faults.FailNextUnder(AliasPath, 1);
            else
                Arm();
        });
        Arm();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Mlflow.DisposeAsync();
    }
}
