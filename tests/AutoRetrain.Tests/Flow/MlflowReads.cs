using System.Net;
using System.Text.Json;
using Sentinel.Testing.Mlflow;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>Reads of an MLflow server (the double, or the real one) over its REST API, as the MLflow CLI would check a run or a version.</summary>
internal static class MlflowReads
{
    private static readonly string[] ReadOnlyPosts = ["/api/2.0/mlflow/runs/search", "/api/2.0/mlflow/registered-models/get-latest-versions"];

    public static Task<string> RunStatusAsync(MlflowServerDouble mlflow, string runId) => RunStatusAsync(mlflow.BaseUri, runId);

    public static Task<string?> TagAsync(MlflowServerDouble mlflow, string runId, string key) => TagAsync(mlflow.BaseUri, runId, key);

    public static Task<string?> AliasAsync(MlflowServerDouble mlflow, string model, string alias) => AliasAsync(mlflow.BaseUri, model, alias);

    public static Task<IReadOnlyList<string>> VersionRunIdsAsync(MlflowServerDouble mlflow, string model) => VersionRunIdsAsync(mlflow.BaseUri, model);

    public static async Task<string> RunStatusAsync(Uri mlflow, string runId)
    {
        using var json = await GetAsync(mlflow, $"api/2.0/mlflow/runs/get?run_id={runId}");
        return json!.RootElement.GetProperty("run").GetProperty("info").GetProperty("status").GetString()!;
    }

    public static async Task<string?> TagAsync(Uri mlflow, string runId, string key)
    {
        using var json = await GetAsync(mlflow, $"api/2.0/mlflow/runs/get?run_id={runId}");
        var data = json!.RootElement.GetProperty("run").GetProperty("data");
        return data.TryGetProperty("tags", out var tags)
            ? tags.EnumerateArray().Where(t => t.GetProperty("key").GetString() == key).Select(t => t.GetProperty("value").GetString()).FirstOrDefault()
            : null;
    }

    /// <summary>The run's latest value of metric <paramref name="key"/>; null when it was never logged.</summary>
    public static async Task<double?> MetricAsync(Uri mlflow, string runId, string key)
    {
        using var json = await GetAsync(mlflow, $"api/2.0/mlflow/runs/get?run_id={runId}");
        var data = json!.RootElement.GetProperty("run").GetProperty("data");
        return data.TryGetProperty("metrics", out var metrics)
            ? metrics.EnumerateArray().Where(m => m.GetProperty("key").GetString() == key).Select(m => (double?)m.GetProperty("value").GetDouble()).FirstOrDefault()
            : null;
    }

    /// <summary>The version's stage, or null when the version does not exist.</summary>
    public static async Task<string?> VersionStageAsync(MlflowServerDouble mlflow, string model, int version)
    {
        using var json = await GetAsync(mlflow.BaseUri, $"api/2.0/mlflow/model-versions/get?name={model}&version={version}");
        return json?.RootElement.GetProperty("model_version").GetProperty("current_stage").GetString();
    }

    /// <summary>A tag of a registered version; null when the version or the tag does not exist.</summary>
    public static Task<string?> VersionTagAsync(MlflowServerDouble mlflow, string model, int version, string key) => VersionTagAsync(mlflow.BaseUri, model, version, key);

    public static async Task<string?> VersionTagAsync(Uri mlflow, string model, int version, string key)
    {
        using var json = await GetAsync(mlflow, $"api/2.0/mlflow/model-versions/get?name={model}&version={version}");
        if (json is null || !json.RootElement.GetProperty("model_version").TryGetProperty("tags", out var tags)) return null;
        return tags.EnumerateArray().Where(t => t.GetProperty("key").GetString() == key).Select(t => t.GetProperty("value").GetString()).FirstOrDefault();
    }

    /// <summary>The run each version of <paramref name="model"/> was registered from, version 1 first (MLflow numbers versions 1, 2, …).</summary>
    public static async Task<IReadOnlyList<string>> VersionRunIdsAsync(Uri mlflow, string model)
    {
        var runs = new List<string>();
        for (var version = 1; ; version++)
        {
            using var json = await GetAsync(mlflow, $"api/2.0/mlflow/model-versions/get?name={model}&version={version}");
            if (json is null) return runs;
            runs.Add(json.RootElement.GetProperty("model_version").GetProperty("run_id").GetString()!);
        }
    }

    /// <summary>The version <paramref name="alias"/> points at; null when the model or the alias does not exist.</summary>
    public static async Task<string?> AliasAsync(Uri mlflow, string model, string alias)
    {
        using var http = new HttpClient { BaseAddress = mlflow };
        using var response = await http.GetAsync(new Uri($"api/2.0/mlflow/registered-models/alias?name={model}&alias={alias}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        // MLflow answers 404 for a missing model and 400 INVALID_PARAMETER_VALUE for a missing alias.
        if (response.StatusCode is HttpStatusCode.NotFound || (response.StatusCode is HttpStatusCode.BadRequest && body.Contains("not found", StringComparison.Ordinal))) return null;
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("model_version").GetProperty("version").GetString();
    }

    /// <summary>The requests that change something on the server (every PUT, DELETE and non-search POST).</summary>
    public static IReadOnlyList<string> Writes(MlflowServerDouble mlflow) =>
        [.. mlflow.Requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal) || r.StartsWith("DELETE ", StringComparison.Ordinal)
            || (r.StartsWith("POST ", StringComparison.Ordinal) && !ReadOnlyPosts.Contains(r[5..])))];

    /// <summary>The datasets a run used as runs/get shows them: name, digest, the <c>mlflow.data.context</c> tag and the profile.</summary>
    public static async Task<IReadOnlyList<(string Name, string Digest, string? Context, JsonElement Profile)>> DatasetInputsAsync(Uri mlflow, string runId)
    {
        using var json = await GetAsync(mlflow, $"api/2.0/mlflow/runs/get?run_id={runId}");
        var run = json!.RootElement.GetProperty("run");
        if (!run.TryGetProperty("inputs", out var inputs) || !inputs.TryGetProperty("dataset_inputs", out var list)) return [];
        return [.. list.EnumerateArray().Select(i =>
        {
            var dataset = i.GetProperty("dataset");
            var context = i.TryGetProperty("tags", out var tags)
                ? tags.EnumerateArray().Where(t => t.GetProperty("key").GetString() == "mlflow.data.context").Select(t => t.GetProperty("value").GetString()).FirstOrDefault()
                : null;
            using var profile = JsonDocument.Parse(dataset.GetProperty("profile").GetString()!);
            return (dataset.GetProperty("name").GetString()!, dataset.GetProperty("digest").GetString()!, context, profile.RootElement.Clone());
        })];
    }

    /// <summary>A run's artifact through the artifact proxy (<c>mlflow-artifacts:/…</c> artifact URIs), or null when it has none.</summary>
    public static async Task<byte[]?> RunArtifactAsync(Uri mlflow, string runId, string path)
    {
        using var json = await GetAsync(mlflow, $"api/2.0/mlflow/runs/get?run_id={runId}");
        var uri = json!.RootElement.GetProperty("run").GetProperty("info").GetProperty("artifact_uri").GetString()!;
        const string scheme = "mlflow-artifacts:/";
        if (!uri.StartsWith(scheme, StringComparison.Ordinal)) throw new InvalidOperationException($"run {runId} stores artifacts at {uri}, not behind the proxy");
        using var http = new HttpClient { BaseAddress = mlflow };
        using var response = await http.GetAsync(new Uri($"api/2.0/mlflow-artifacts/artifacts/{uri[scheme.Length..]}/{path}", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The rows of a run's dataset artifact (e.g. <c>dataset/training.parquet</c>).</summary>
    public static async Task<IReadOnlyList<Core.Datasets.DatasetRow>> RunDatasetAsync(Uri mlflow, string runId, string path)
    {
        var bytes = await RunArtifactAsync(mlflow, runId, path) ?? throw new InvalidOperationException($"run {runId} has no {path}");
        var file = Path.Combine(Path.GetTempPath(), $"sentinel-test-{Guid.NewGuid():N}.parquet");
        try
        {
            await File.WriteAllBytesAsync(file, bytes);
            return (await Adapters.Datasets.ParquetDatasetFile.ReadAsync(file, default)).Rows;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Every run of experiment <paramref name="experiment"/> with its status (<c>runs/search</c>, as the MLflow UI lists them).</summary>
    public static async Task<IReadOnlyList<(string RunId, string Status)>> RunsAsync(Uri mlflow, string experiment)
    {
        using var found = await GetAsync(mlflow, $"api/2.0/mlflow/experiments/get-by-name?experiment_name={Uri.EscapeDataString(experiment)}");
        if (found is null) return [];
        var id = found.RootElement.GetProperty("experiment").GetProperty("experiment_id").GetString();
        using var http = new HttpClient { BaseAddress = mlflow };
        using var response = await http.PostAsync(new Uri("api/2.0/mlflow/runs/search", UriKind.Relative),
            new StringContent($$"""{"experiment_ids": ["{{id}}"], "max_results": 1000}""", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("runs", out var runs)
            ? [.. runs.EnumerateArray().Select(r => (r.GetProperty("info").GetProperty("run_id").GetString()!, r.GetProperty("info").GetProperty("status").GetString()!))]
            : [];
    }

    private static async Task<JsonDocument?> GetAsync(Uri mlflow, string path)
    {
        using var http = new HttpClient { BaseAddress = mlflow };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
