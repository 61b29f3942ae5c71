using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Sentinel.Testing.Mlflow.Endpoints;

/// <summary>
/// <c>runs/search</c> (POST and GET). Pages hold <c>max_results</c> runs (default 1000, at most 50000); a full page
/// carries a token (base64 of <c>{"offset": n}</c>) even when nothing is left, so the last page may be <c>{}</c>.
/// Order: the requested keys, then <c>start_time DESC</c>, then run id, as MLflow's SQL store sorts.
/// </summary>
internal static class RunSearchEndpoint
{
    public static void Map(IEndpointRouteBuilder app, MlflowState state)
    {
        app.MapMethods(ExperimentEndpoints.Api + "runs/search", ["POST", "GET"], async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var experimentIds = request.Strings("experiment_ids");
            var filter = RunFilter.Parse(request.Optional("filter"));
            var maxResults = (int)(request.OptionalLong("max_results", max: 50_000) ?? 1000);
            var orderBy = request.Strings("order_by");
            var viewType = request.Optional("run_view_type") ?? "ACTIVE_ONLY";
            var offset = DecodeToken(request.Optional("page_token"));
            var reply = new JsonObject();
            lock (state.Sync)
            {
                var runs = state.Runs.Values
                    .Where(r => experimentIds.Contains(r.ExperimentId) && InView(r, viewType) && filter(r))
                    .Order(new RunOrder(orderBy))
                    .Skip(offset)
                    .Take(maxResults)
                    .ToList();
                MlflowJson.WithList(reply, "runs", runs.Select(r => MlflowJson.Run(r)));
                if (runs.Count == maxResults) reply["next_page_token"] = EncodeToken(offset + maxResults);
            }
            await MlflowReplies.JsonAsync(context, reply);
        });
    }

    private static bool InView(RunEntity run, string viewType) => viewType switch
    {
        "ALL" => true,
        "DELETED_ONLY" => run.LifecycleStage == "deleted",
        _ => run.LifecycleStage == "active",
    };

    private static string EncodeToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"offset\": {offset}}}"));

    private static int DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(token));
            return doc.RootElement.GetProperty("offset").GetInt32();
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw MlflowApiException.Invalid("Invalid page token, could not base64-decode");
        }
    }

    /// <summary>Sorts by <c>order_by</c> clauses (<c>metrics.x DESC</c>, <c>attributes.start_time</c>, …); runs lacking a metric sort last.</summary>
    private sealed class RunOrder(IReadOnlyList<string> orderBy) : IComparer<RunEntity>
    {
        public int Compare(RunEntity? x, RunEntity? y)
        {
            foreach (var clause in orderBy)
            {
                var parts = clause.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var descending = parts.Length > 1 && parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
                var (entity, key) = RunFilter.SplitIdentifier(parts[0]);
                var a = RunFilter.Value(x!, entity, key);
                var b = RunFilter.Value(y!, entity, key);
                if (a is null || b is null)
                {
                    if (a is null && b is null) continue;
                    return a is null ? 1 : -1;
                }
                var order = a is double da && b is double db ? da.CompareTo(db) : string.CompareOrdinal(a.ToString(), b.ToString());
                if (order != 0) return descending ? -order : order;
            }
            var byStart = y!.StartTime.CompareTo(x!.StartTime);
            return byStart != 0 ? byStart : string.CompareOrdinal(x.RunId, y.RunId);
        }
    }
}
