using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Sentinel.Testing.Mlflow.Endpoints;

/// <summary><c>model-versions/create|get|set-tag|transition-stage</c>.</summary>
internal static class ModelVersionEndpoints
{
    private const string Api = ExperimentEndpoints.Api + "model-versions/";
    private static readonly string[] Stages = ["None", "Staging", "Production", "Archived"];

    /// <summary>Stages are case-insensitive on input and canonical on output.</summary>
    public static string CanonicalStage(string stage) =>
        Stages.FirstOrDefault(s => s.Equals(stage, StringComparison.OrdinalIgnoreCase))
        ?? throw MlflowApiException.Invalid($"Invalid Model Version stage: {stage}. Value must be one of None, Staging, Production, Archived.");

    public static void Map(IEndpointRouteBuilder app, MlflowState state)
    {
        app.MapPost(Api + "create", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var source = request.Required("source");
            var runId = request.Optional("run_id") ?? "";
            var description = request.Optional("description") ?? "";
            var tags = request.KeyValues("tags");
            JsonObject reply;
            lock (state.Sync)
            {
                var model = state.GetModel(name);
                if (IsLocalPath(source))
                {
                    throw MlflowApiException.Invalid(
                        $"Invalid model version source: '{source}'. To use a local path as a model version source, the run_id request parameter has to be specified " +
                        "and the local path has to be contained within the artifact directory of the run specified by the run_id.");
                }
                var now = MlflowState.Now();
                var version = new ModelVersionEntity(name, model.Versions.Count == 0 ? 1 : model.Versions.Max(v => v.Version) + 1, now, source, runId)
                {
                    LastUpdatedTimestamp = now,
                    Description = description,
                };
                version.Tags.AddRange(tags);
                model.Versions.Add(version);
                model.LastUpdatedTimestamp = now;
                reply = new JsonObject { ["model_version"] = MlflowJson.ModelVersion(version, null) };
            }
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapGet(Api + "get", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var version = request.Required("version");
            JsonObject reply;
            lock (state.Sync)
            {
                var model = state.GetModel(name);
                reply = new JsonObject { ["model_version"] = MlflowJson.ModelVersion(MlflowState.GetVersion(model, version), model) };
            }
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapPost(Api + "set-tag", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var number = request.Required("version");
            var key = request.Required("key");
            var value = request.Required("value");
            lock (state.Sync)
            {
                var version = MlflowState.GetVersion(state.GetModel(name), number);
                var index = version.Tags.FindIndex(t => t.Key == key);
                if (index >= 0) version.Tags[index] = new(key, value);
                else version.Tags.Add(new(key, value));
            }
            await MlflowReplies.JsonAsync(context, new JsonObject());
        });

        app.MapPost(Api + "transition-stage", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var number = request.Required("version");
            var stage = CanonicalStage(request.Required("stage"));
            var archiveExisting = request.Flag("archive_existing_versions");
            JsonObject reply;
            lock (state.Sync)
            {
                var model = state.GetModel(name);
                var version = MlflowState.GetVersion(model, number);
                var now = MlflowState.Now();
                if (archiveExisting && stage is "Staging" or "Production")
                {
                    foreach (var other in model.Versions.Where(v => v != version && v.CurrentStage == stage))
                    {
                        other.CurrentStage = "Archived";
                        other.LastUpdatedTimestamp = now;
                    }
                }
                version.CurrentStage = stage;
                version.LastUpdatedTimestamp = now;
                reply = new JsonObject { ["model_version"] = MlflowJson.ModelVersion(version, model) };
            }
            await MlflowReplies.JsonAsync(context, reply);
        });
    }

    private static bool IsLocalPath(string source) =>
        source.StartsWith('/') || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || source.StartsWith('.') || !source.Contains(":/", StringComparison.Ordinal);
}
