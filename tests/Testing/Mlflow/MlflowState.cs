using System.Text.Json.Nodes;
namespace Sentinel.Testing.Mlflow;

/// <summary>
/// The double's in-memory backend store and artifact destination. Every read and write holds <see cref="Sync"/>.
/// Ids follow MLflow's SQL store: experiment <c>0</c> is <c>Default</c>, new experiments count up from 1, run ids are 32 hex digits.
/// </summary>
public sealed class MlflowState
{
    internal object Sync { get; } = new();
    internal Dictionary<string, ExperimentEntity> Experiments { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, RunEntity> Runs { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, RegisteredModelEntity> Models { get; } = new(StringComparer.Ordinal);
    /// <summary>Artifact files by path under the artifact destination (<c>1/&lt;run&gt;/artifacts/model/model.onnx</c>).</summary>
    internal Dictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);
    private int _nextExperimentId;

    public MlflowState() => AddExperiment("Default", []);

    internal static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Creates an experiment as another client would; returns its id.</summary>
    public string CreateExperiment(string name)
    {
        lock (Sync) return AddExperiment(name, []).Id;
    }

    /// <summary>Number of runs stored, in any experiment.</summary>
    public int RunCount
    {
        get { lock (Sync) return Runs.Count; }
    }

    internal ExperimentEntity AddExperiment(string name, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (Experiments.Values.Any(e => e.Name == name))
        {
            throw MlflowApiException.AlreadyExists(
                $"Experiment(name={name}) already exists. Error: (sqlite3.IntegrityError) UNIQUE constraint failed: experiments.name");
        }
        var id = (_nextExperimentId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var now = Now();
        var experiment = new ExperimentEntity(id, name, $"mlflow-artifacts:/{id}", now) { LastUpdateTime = now };
        experiment.Tags.AddRange(tags);
        Experiments[id] = experiment;
        return experiment;
    }

    internal RunEntity GetRun(string runId) =>
        Runs.TryGetValue(runId, out var run) ? run : throw MlflowApiException.NotFound($"Run with id={runId} not found");

    internal RegisteredModelEntity GetModel(string name) =>
        Models.TryGetValue(name, out var model) ? model : throw MlflowApiException.NotFound($"Registered Model with name={name} not found");

    internal static ModelVersionEntity GetVersion(RegisteredModelEntity model, string version) =>
        model.Versions.FirstOrDefault(v => v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) == version)
        ?? throw MlflowApiException.NotFound($"Model Version (name={model.Name}, version={version}) not found");
}

internal sealed record ExperimentEntity(string Id, string Name, string ArtifactLocation, long CreationTime)
{
    public string LifecycleStage { get; set; } = "active";
    public long LastUpdateTime { get; set; }
    public List<KeyValuePair<string, string>> Tags { get; } = [];
}

internal sealed record MetricEntity(string Key, double Value, long Timestamp, long Step);

internal sealed record RunEntity(string RunId, string ExperimentId, string ArtifactUri)
{
    public string RunName { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Status { get; set; } = "RUNNING";
    public long StartTime { get; set; }
    public long? EndTime { get; set; }
    public string LifecycleStage { get; set; } = "active";
    public List<MetricEntity> MetricHistory { get; } = [];
    public List<KeyValuePair<string, string>> Params { get; } = [];
    public List<KeyValuePair<string, string>> Tags { get; } = [];
    /// <summary>runs/log-inputs: <c>{"tags": [...], "dataset": {...}}</c> per dataset, one per (name, digest).</summary>
    public List<JsonObject> DatasetInputs { get; } = [];

    /// <summary>The value runs/get shows per key: the highest step, then the latest timestamp; keys in first-logged order.</summary>
    public IEnumerable<MetricEntity> LatestMetrics() => MetricHistory
        .GroupBy(m => m.Key, StringComparer.Ordinal)
        .Select(g => g.OrderBy(m => m.Step).ThenBy(m => m.Timestamp).Last());

    public void SetTag(string key, string value)
    {
        var index = Tags.FindIndex(t => t.Key == key);
        if (index >= 0) Tags[index] = new(key, value);
        else Tags.Add(new(key, value));
    }
}

internal sealed record RegisteredModelEntity(string Name, long CreationTimestamp)
{
    public long LastUpdatedTimestamp { get; set; }
    public string Description { get; set; } = "";
    public List<KeyValuePair<string, string>> Tags { get; } = [];
    public SortedDictionary<string, int> Aliases { get; } = new(StringComparer.Ordinal);
    public List<ModelVersionEntity> Versions { get; } = [];
}

internal sealed record ModelVersionEntity(string Name, int Version, long CreationTimestamp, string Source, string RunId)
{
    public long LastUpdatedTimestamp { get; set; }
    public string CurrentStage { get; set; } = "None";
    public string Description { get; set; } = "";
    public List<KeyValuePair<string, string>> Tags { get; } = [];
}
