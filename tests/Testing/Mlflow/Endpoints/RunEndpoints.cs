using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Sentinel.Testing.Mlflow.Endpoints;

/// <summary><c>runs/create|update|get|log-batch|log-metric|log-parameter|set-tag</c>.</summary>
internal static class RunEndpoints
{
    private const string Api = ExperimentEndpoints.Api;

    public static void Map(IEndpointRouteBuilder app, MlflowState state)
    {
        app.MapPost(Api + "runs/create", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var experimentId = request.Optional("experiment_id") ?? "0";
            var runName = request.Optional("run_name");
            var startTime = request.OptionalLong("start_time") ?? MlflowState.Now();
            var userId = request.Optional("user_id") ?? "";
            var tags = request.KeyValues("tags");
            JsonObject reply;
            lock (state.Sync)
            {
                var experiment = state.Experiments.GetValueOrDefault(experimentId) ?? throw MlflowApiException.NotFound($"No Experiment with id={experimentId} exists");
                var runId = Guid.NewGuid().ToString("N");
                var run = new RunEntity(runId, experimentId, $"{experiment.ArtifactLocation}/{runId}/artifacts")
                {
                    RunName = string.IsNullOrEmpty(runName) ? "run-" + runId[..8] : runName,
                    UserId = userId,
                    StartTime = startTime,
                };
                foreach (var (key, value) in tags) run.SetTag(key, value);
                run.SetTag("mlflow.runName", run.RunName);
                state.Runs[runId] = run;
                reply = new JsonObject { ["run"] = MlflowJson.Run(run, withInputs: false) };
            }
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapPost(Api + "runs/update", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var runId = request.Optional("run_id") ?? request.Required("run_uuid");
            var status = request.Optional("status");
            var endTime = request.OptionalLong("end_time");
            var runName = request.Optional("run_name");
            JsonObject reply;
            lock (state.Sync)
            {
                var run = state.GetRun(runId);
                if (status is not null)
                {
                    string[] statuses = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"];
                    if (!statuses.Contains(status)) throw MlflowApiException.InvalidParameter("status", status, "str");
                    run.Status = status;
                }
                if (endTime is not null) run.EndTime = endTime;
                if (!string.IsNullOrEmpty(runName)) { run.RunName = runName; run.SetTag("mlflow.runName", runName); }
                reply = new JsonObject { ["run_info"] = MlflowJson.RunInfo(run) };
            }
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapGet(Api + "runs/get", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var runId = request.Optional("run_id") ?? request.Required("run_uuid");
            JsonObject reply;
            lock (state.Sync) reply = new JsonObject { ["run"] = MlflowJson.Run(state.GetRun(runId)) };
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapPost(Api + "runs/log-batch", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var runId = request.Required("run_id");
            var metrics = ReadMetrics(request);
            var parameters = request.KeyValues("params");
            var tags = request.KeyValues("tags");
            lock (state.Sync) Log(state.GetRun(runId), metrics, parameters, tags);
            await MlflowReplies.EmptyAsync(context);
        });

        app.MapPost(Api + "runs/log-metric", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var runId = request.Required("run_id");
            if (request["timestamp"] is null) throw MlflowApiException.MissingParameter("timestamp");
            var metric = ReadMetric(request.Message);
            lock (state.Sync) Log(state.GetRun(runId), [metric], [], []);
            await MlflowReplies.EmptyAsync(context);
        });

        app.MapPost(Api + "runs/log-parameter", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var runId = request.Required("run_id");
            var param = new KeyValuePair<string, string>(request.Required("key"), request.Optional("value") ?? "");
            lock (state.Sync) Log(state.GetRun(runId), [], [param], []);
            await MlflowReplies.EmptyAsync(context);
        });

        app.MapPost(Api + "runs/log-inputs", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var runId = request.Required("run_id");
            var datasets = request.Objects("datasets");
            foreach (var input in datasets)
            {
                if (input["dataset"] is not JsonObject dataset) throw MlflowApiException.MissingParameter("dataset");
                foreach (var field in new[] { "name", "digest", "source_type", "source" })
                    if (dataset[field]?.GetValue<string>() is not { Length: > 0 }) throw MlflowApiException.MissingParameter(field);
                if (dataset["digest"]!.GetValue<string>().Length > 36)
                    throw MlflowApiException.Invalid($"Dataset digest '{dataset["digest"]}' exceeds the maximum length of 36");
            }
            lock (state.Sync)
            {
                var run = state.GetRun(runId);
                foreach (var input in datasets)
                {
                    var dataset = (JsonObject)input["dataset"]!;
                    var (name, digest) = (dataset["name"]!.GetValue<string>(), dataset["digest"]!.GetValue<string>());
                    // One input per dataset and run: logging it again changes nothing, its tags included.
                    if (run.DatasetInputs.Exists(i => i["dataset"]!["name"]!.GetValue<string>() == name && i["dataset"]!["digest"]!.GetValue<string>() == digest)) continue;
                    run.DatasetInputs.Add(new JsonObject { ["tags"] = input["tags"]?.DeepClone() ?? new JsonArray(), ["dataset"] = dataset.DeepClone() });
                }
            }
            await MlflowReplies.EmptyAsync(context);
        });

        app.MapPost(Api + "runs/set-tag", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var runId = request.Optional("run_id") ?? request.Required("run_uuid");
            var tag = new KeyValuePair<string, string>(request.Required("key"), request.Optional("value") ?? "");
            lock (state.Sync) Log(state.GetRun(runId), [], [], [tag]);
            await MlflowReplies.EmptyAsync(context);
        });
    }

    /// <summary>Every metric needs key, value and timestamp, or the whole list is refused as MLflow's validator does.</summary>
    private static List<MetricEntity> ReadMetrics(MlflowRequest request)
    {
        var metrics = request.Objects("metrics");
        if (metrics.Any(m => m["key"] is null || m["value"] is null || m["timestamp"] is null))
        {
            throw MlflowApiException.InvalidParameter("metrics", PythonRepr.Str(request["metrics"]), "list");
        }
        return metrics.Select(ReadMetric).ToList();
    }

    /// <summary>
    /// MLflow's lenient parse: a number, a numeric string, <c>"NaN"</c> or <c>"±Infinity"</c> is a value; anything else
    /// is not refused but stored as value 0 at timestamp 0.
    /// </summary>
    private static MetricEntity ReadMetric(JsonObject metric)
    {
        var key = metric["key"]!.ToString();
        var step = metric["step"] is { } s && long.TryParse(s.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var st) ? st : 0;
        var timestamp = long.TryParse(metric["timestamp"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts) ? ts : 0;
        var node = metric["value"]!;
        double? value = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.GetValue<double>(),
            JsonValueKind.String => node.GetValue<string>() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            },
            _ => null,
        };
        return value is { } v ? new MetricEntity(key, v, timestamp, step) : new MetricEntity(key, 0, 0, step);
    }

    private static void Log(RunEntity run, IReadOnlyList<MetricEntity> metrics, IReadOnlyList<KeyValuePair<string, string>> parameters, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var conflicts = parameters
            .Select(p => (p.Key, Old: run.Params.FirstOrDefault(q => q.Key == p.Key).Value, New: p.Value))
            .Where(c => c.Old is not null && c.Old != c.New)
            .ToList();
        if (conflicts.Count > 0)
        {
            var listed = string.Join(", ", conflicts.Select(c => $"{{'key': '{c.Key}', 'old_value': '{c.Old}', 'new_value': '{c.New}'}}"));
            throw MlflowApiException.Invalid($"Changing param values is not allowed. Params were already logged='[{listed}]' for run ID='{run.RunId}'.");
        }
        foreach (var p in parameters.Where(p => run.Params.All(q => q.Key != p.Key))) run.Params.Add(p);
        // The same point logged again is stored once.
        foreach (var m in metrics.Where(m => !run.MetricHistory.Contains(m))) run.MetricHistory.Add(m);
        foreach (var (key, value) in tags) run.SetTag(key, value);
    }
}
