using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Sentinel.Testing.Mlflow.Endpoints;

/// <summary><c>/health</c>, <c>/version</c> and <c>experiments/create|delete|get|get-by-name</c>.</summary>
internal static class ExperimentEndpoints
{
    public const string Api = "/api/2.0/mlflow/";

    public static void Map(IEndpointRouteBuilder app, MlflowState state)
    {
        app.MapGet("/health", context => MlflowReplies.TextAsync(context, "OK", MlflowReplies.HtmlContentType));
        app.MapGet("/version", context => MlflowReplies.TextAsync(context, "2.12.2.dev0", MlflowReplies.HtmlContentType));

        app.MapPost(Api + "experiments/create", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("name");
            var tags = request.KeyValues("tags");
            string id;
            lock (state.Sync) id = state.AddExperiment(name, tags).Id;
            await MlflowReplies.JsonAsync(context, new JsonObject { ["experiment_id"] = id });
        });

        app.MapPost(Api + "experiments/delete", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var id = request.Required("experiment_id");
            lock (state.Sync)
            {
                var experiment = state.Experiments.GetValueOrDefault(id) ?? throw MlflowApiException.NotFound($"No Experiment with id={id} exists");
                // Soft delete: the name stays taken and get-by-name still finds it.
                experiment.LifecycleStage = "deleted";
                experiment.LastUpdateTime = MlflowState.Now();
            }
            await MlflowReplies.EmptyAsync(context);
        });

        app.MapGet(Api + "experiments/get-by-name", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var name = request.Required("experiment_name");
            JsonObject reply;
            lock (state.Sync)
            {
                var experiment = state.Experiments.Values.FirstOrDefault(e => e.Name == name)
                    ?? throw MlflowApiException.NotFound($"Could not find experiment with name '{name}'");
                reply = new JsonObject { ["experiment"] = MlflowJson.Experiment(experiment) };
            }
            await MlflowReplies.JsonAsync(context, reply);
        });

        app.MapGet(Api + "experiments/get", async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var id = request.Required("experiment_id");
            JsonObject reply;
            lock (state.Sync)
            {
                var experiment = state.Experiments.GetValueOrDefault(id) ?? throw MlflowApiException.NotFound($"No Experiment with id={id} exists");
                reply = new JsonObject { ["experiment"] = MlflowJson.Experiment(experiment) };
            }
            await MlflowReplies.JsonAsync(context, reply);
        });
    }
}
