using System.Net;
using System.Text.Json;
using Sentinel.Testing.Mlflow;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>Reads of the MLflow double over its REST API, as the MLflow CLI would check a run or a version.</summary>
internal static class MlflowReads
{
    private static readonly string[] ReadOnlyPosts = ["/api/2.0/mlflow/runs/search", "/api/2.0/mlflow/registered-models/get-latest-versions"];

    public static async Task<string> RunStatusAsync(MlflowServerDouble mlflow, string runId)
    {
        using var json = await GetAsync(mlflow, $"api/2.0/mlflow/runs/get?run_id={runId}");
        return json!.RootElement.GetProperty("run").GetProperty("info").GetProperty("status").GetString()!;
    }

    public static async Task<string?> TagAsync(MlflowServerDouble mlflow, string runId, string key)
    {
        using var json = await GetAsync(mlflow, $"api/2.0/mlflow/runs/get?run_id={runId}");
        var data = json!.RootElement.GetProperty("run").GetProperty("data");
        return data.TryGetProperty("tags", out var tags)
            ? tags.EnumerateArray().Where(t => t.GetProperty("key").GetString() == key).Select(t => t.GetProperty("value").GetString()).FirstOrDefault()
            : null;
    }

    /// <summary>The version's stage, or null when the version does not exist.</summary>
    public static async Task<string?> VersionStageAsync(MlflowServerDouble mlflow, string model, int version)
    {
        using var json = await GetAsync(mlflow, $"api/2.0/mlflow/model-versions/get?name={model}&version={version}");
        return json?.RootElement.GetProperty("model_version").GetProperty("current_stage").GetString();
    }

    /// <summary>The requests that change something on the server (every PUT, DELETE and non-search POST).</summary>
    public static IReadOnlyList<string> Writes(MlflowServerDouble mlflow) =>
        [.. mlflow.Requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal) || r.StartsWith("DELETE ", StringComparison.Ordinal)
            || (r.StartsWith("POST ", StringComparison.Ordinal) && !ReadOnlyPosts.Contains(r[5..])))];

    private static async Task<JsonDocument?> GetAsync(MlflowServerDouble mlflow, string path)
    {
        using var http = new HttpClient { BaseAddress = mlflow.BaseUri };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
