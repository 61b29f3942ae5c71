using System.Globalization;
using System.Text.Json.Nodes;

namespace Sentinel.Testing.Mlflow;

/// <summary>Entities rendered as MLflow's protobuf JSON: ids as strings, times as numbers, empty lists and unset fields left out.</summary>
internal static class MlflowJson
{
    public static JsonObject Experiment(ExperimentEntity e) => WithList(new JsonObject
    {
        ["experiment_id"] = e.Id,
        ["name"] = e.Name,
        ["artifact_location"] = e.ArtifactLocation,
        ["lifecycle_stage"] = e.LifecycleStage,
        ["last_update_time"] = e.LastUpdateTime,
        ["creation_time"] = e.CreationTime,
    }, "tags", e.Tags.Select(KeyValue));

    public static JsonObject RunInfo(RunEntity r)
    {
        var info = new JsonObject
        {
            ["run_uuid"] = r.RunId,
            ["experiment_id"] = r.ExperimentId,
            ["run_name"] = r.RunName,
            ["user_id"] = r.UserId,
            ["status"] = r.Status,
            ["start_time"] = r.StartTime,
        };
        if (r.EndTime is { } end) info["end_time"] = end;
        info["artifact_uri"] = r.ArtifactUri;
        info["lifecycle_stage"] = r.LifecycleStage;
        info["run_id"] = r.RunId;
        return info;
    }

    /// <summary>A run as runs/get and runs/search show it; runs/create leaves out <c>inputs</c>.</summary>
    public static JsonObject Run(RunEntity r, bool withInputs = true)
    {
        var data = WithList(WithList(WithList(new JsonObject(), "metrics", r.LatestMetrics().Select(Metric)),
            "params", r.Params.Select(KeyValue)), "tags", r.Tags.Select(KeyValue));
        var run = new JsonObject { ["info"] = RunInfo(r), ["data"] = data };
        if (withInputs)
        {
            var inputs = new JsonObject();
            // The server leaves the list out when the run used no dataset.
            if (r.DatasetInputs.Count > 0) inputs["dataset_inputs"] = new JsonArray([.. r.DatasetInputs.Select(i => i.DeepClone())]);
            run["inputs"] = inputs;
        }
        return run;
    }

    public static JsonObject Metric(MetricEntity m) => new()
    {
        ["key"] = m.Key,
        // NaN travels as a string; the SQL store clamps infinities to ±max double.
        ["value"] = double.IsNaN(m.Value) ? JsonValue.Create("NaN") : JsonValue.Create(Math.Clamp(m.Value, double.MinValue, double.MaxValue)),
        ["timestamp"] = m.Timestamp,
        ["step"] = m.Step,
    };

    public static JsonObject RegisteredModel(RegisteredModelEntity m, bool withDetails)
    {
        var model = new JsonObject
        {
            ["name"] = m.Name,
            ["creation_timestamp"] = m.CreationTimestamp,
            ["last_updated_timestamp"] = m.LastUpdatedTimestamp,
            ["description"] = m.Description,
        };
        if (withDetails) WithList(model, "latest_versions", LatestPerStage(m).Select(v => ModelVersion(v, null)));
        WithList(model, "tags", m.Tags.Select(KeyValue));
        if (withDetails) WithList(model, "aliases", m.Aliases.Select(a => new JsonObject { ["alias"] = a.Key, ["version"] = Version(a.Value) }));
        return model;
    }

    /// <summary>A model version; <paramref name="model"/> given means its aliases are listed (as plain strings).</summary>
    public static JsonObject ModelVersion(ModelVersionEntity v, RegisteredModelEntity? model)
    {
        var version = new JsonObject
        {
            ["name"] = v.Name,
            ["version"] = Version(v.Version),
            ["creation_timestamp"] = v.CreationTimestamp,
            ["last_updated_timestamp"] = v.LastUpdatedTimestamp,
            ["current_stage"] = v.CurrentStage,
            ["description"] = v.Description,
            ["source"] = v.Source,
        };
        if (v.RunId.Length > 0) version["run_id"] = v.RunId;
        version["status"] = "READY";
        WithList(version, "tags", v.Tags.Select(KeyValue));
        version["run_link"] = "";
        if (model is not null) WithList(version, "aliases", model.Aliases.Where(a => a.Value == v.Version).Select(a => JsonValue.Create(a.Key)));
        return version;
    }

    /// <summary>The newest version in each stage that has one, in version order.</summary>
    public static IEnumerable<ModelVersionEntity> LatestPerStage(RegisteredModelEntity m) =>
        m.Versions.GroupBy(v => v.CurrentStage).Select(g => g.MaxBy(v => v.Version)!).OrderBy(v => v.Version);

    public static string Version(int version) => version.ToString(CultureInfo.InvariantCulture);

    public static JsonObject KeyValue(KeyValuePair<string, string> kv) => new() { ["key"] = kv.Key, ["value"] = kv.Value };

    /// <summary>Adds a list only when it has items, as MLflow does.</summary>
    public static JsonObject WithList(JsonObject target, string name, IEnumerable<JsonNode> items)
    {
        var array = new JsonArray(items.ToArray());
        if (array.Count > 0) target[name] = array;
        return target;
    }
}
