using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Sentinel.Testing.Mlflow.Endpoints;

/// <summary><c>registered-models/create|get|get-latest-versions</c> and <c>registered-models/alias</c> (GET, POST, DELETE with a JSON body).</summary>
internal static partial class RegisteredModelEndpoints
{
    private const string Api = ExperimentEndpoints.Api + "registered-models/";

    public static void Map(IEndpointRouteBuilder app, MlflowState state)
    {
        app.MapPost(Api + "create", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var description = request.Optional("description") ?? "";
            var tags = request.KeyValues("tags");
            JsonObject reply;
            lock (state.Sync)
            {
                if (state.Models.ContainsKey(name))
                {
                    throw MlflowApiException.AlreadyExists(
                        $"Registered Model (name={name}) already exists. Error: (sqlite3.IntegrityError) UNIQUE constraint failed: registered_models.name");
                }
                var now = MlflowState.Now();
                var model = new RegisteredModelEntity(name, now) { LastUpdatedTimestamp = now, Description = description };
                model.Tags.AddRange(tags);
                state.Models[name] = model;
                reply = new JsonObject { ["registered_model"] = MlflowJson.RegisteredModel(model, withDetails: false) };
            }
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapGet(Api + "get", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            JsonObject reply;
            lock (state.Sync) reply = new JsonObject { ["registered_model"] = MlflowJson.RegisteredModel(state.GetModel(name), withDetails: true) };
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapMethods(Api + "get-latest-versions", ["POST", "GET"], async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var stages = request.Strings("stages").Select(ModelVersionEndpoints.CanonicalStage).ToList();
            var reply = new JsonObject();
            lock (state.Sync)
            {
                var latest = MlflowJson.LatestPerStage(state.GetModel(name)).Where(v => stages.Count == 0 || stages.Contains(v.CurrentStage));
                MlflowJson.WithList(reply, "model_versions", latest.Select(v => MlflowJson.ModelVersion(v, null)));
            }
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapGet(Api + "alias", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var alias = request.Required("alias");
            JsonObject reply;
            lock (state.Sync)
            {
                var model = state.GetModel(name);
                if (!model.Aliases.TryGetValue(alias, out var version)) throw MlflowApiException.Invalid($"Registered model alias {alias} not found.");
                reply = new JsonObject { ["model_version"] = MlflowJson.ModelVersion(model.Versions.Single(v => v.Version == version), model) };
            }
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapPost(Api + "alias", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var alias = request.Required("alias");
            var version = request.Required("version");
            if (ReservedVersionAlias().IsMatch(alias)) throw MlflowApiException.Invalid($"Version alias name '{alias}' is reserved.");
            if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase)) throw MlflowApiException.Invalid("'latest' alias name (case insensitive) is reserved.");
            lock (state.Sync)
            {
                var model = state.GetModel(name);
                // One alias names exactly one version: setting it again moves it.
                model.Aliases[alias] = MlflowState.GetVersion(model, version).Version;
            }
            await MlflowReplies.EmptyAsync(context);
        });

        app.MapDelete(Api + "alias", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var alias = request.Required("alias");
            lock (state.Sync) state.GetModel(name).Aliases.Remove(alias);
            await MlflowReplies.EmptyAsync(context);
        });
    }

    [GeneratedRegex(@"^v\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex ReservedVersionAlias();
}
