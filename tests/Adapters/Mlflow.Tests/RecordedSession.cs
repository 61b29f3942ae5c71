using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sentinel.Testing.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>
/// Replays the recorded MLflow session against one fresh double, in recorded order, inserting the few steps the
/// recording made without recording them (two more runs, a third model version). Run ids differ from the recording;
/// recorded ids are mapped to the double's in requests and in the expected answers.
/// </summary>
public sealed class RecordedSession : IAsyncLifetime
{
    public const string BaselineRun = "b67a3006cd1b497a9dab305ff621e67a";
    public const string CandidateRun = "ce882bf4c52645b8b5e1f7bcc65d0743";
    public const string ThirdRun = "4a4a3957ad654eb3b17ee98edc54f58b";

    /// <summary>Every fixture whose endpoint the double implements (not experiments/search, metric history, model-version search, tag and delete calls, UI routes).</summary>
    public static readonly string[] Replayed =
    [
        "01_health", "02_version", "03_experiments_create", "04_experiments_create_duplicate", "05_experiments_create_second",
        "06_experiments_get_by_name", "07_experiments_get_by_name_missing", "08_experiments_get", "12_runs_create", "13_runs_log_batch",
        "14_runs_log_metric", "15_runs_log_parameter", "16_runs_log_batch_param_same_value", "17_runs_log_batch_param_conflict",
        "18_runs_log_batch_missing_timestamp", "19_runs_update", "20_runs_get", "21_runs_get_missing", "23_runs_search_page1",
        "24_runs_search_page2", "25_runs_search_page3_empty", "26_runs_search_params_filter", "27_runs_search_bad_filter",
        "28_runs_search_unknown_experiment", "29_runs_search_max_results_too_big", "30_runs_log_batch_non_numeric_value",
        "32_runs_log_batch_nan_inf", "33_runs_get_nan_inf", "34_runs_set_tag", "35_artifacts_upload", "36_artifacts_upload_binary",
        "37_artifacts_upload_json", "38_artifacts_download", "39_artifacts_download_json", "40_artifacts_download_binary",
        "41_artifacts_download_missing", "42_mlflow_artifacts_list", "43_mlflow_artifacts_list_subdir", "47_artifacts_list_path_traversal",
        "48_registered_models_create", "49_registered_models_create_duplicate", "50_registered_models_create_missing_name",
        "51_model_versions_create_runs_uri", "52_model_versions_create_artifact_uri", "53_model_versions_create_unknown_model",
        "54_model_versions_create_local_source", "55_model_versions_get", "56_model_versions_get_missing", "61_registered_models_alias_set",
        "62_registered_models_alias_set_challenger", "63_registered_models_alias_get", "64_registered_models_get",
        "65_registered_models_alias_move", "66_registered_models_alias_get_after_move", "67_registered_models_alias_get_missing",
        "68_registered_models_alias_set_reserved_v", "69_registered_models_alias_set_reserved_latest",
        "70_registered_models_alias_set_unknown_version", "71_registered_models_alias_delete", "72_registered_models_alias_delete_missing",
        "73_model_versions_transition_stage", "74_model_versions_transition_stage_archive", "75_model_versions_get_archived",
        "76_model_versions_transition_stage_invalid", "77_model_versions_transition_stage_staging", "78_registered_models_get_latest_versions",
        "79_registered_models_get_latest_versions_all", "80_registered_models_get_latest_versions_get",
        "81_registered_models_get_latest_versions_missing", "92_registered_models_get_missing", "93_content_type_with_charset",
        "94_error_wrong_content_type", "95_error_malformed_json", "96_error_wrong_field_type", "97_error_unknown_endpoint",
        "98_error_method_not_allowed", "99_error_experiments_get_bad_id",
    ];

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private MlflowServerDouble? _server;

    public Dictionary<string, Answer> Answers { get; } = new(StringComparer.Ordinal);

    public sealed record Answer(int Status, string? ContentType, string Body);

    /// <summary>Recorded text with the recording's run ids replaced by the double's.</summary>
    public string MapIds(string text) => _ids.Aggregate(text, (t, id) => t.Replace(id.Key, id.Value, StringComparison.Ordinal));

    public async ValueTask InitializeAsync()
    {
        _server = await MlflowServerDouble.StartAsync();
        using var http = new HttpClient { BaseAddress = _server.BaseUri };
        foreach (var name in Replayed)
        {
            if (name == "23_runs_search_page1")
            {
                _ids[CandidateRun] = await CreateFinishedRunAsync(http, "candidate-v2", 1795538303755, 1795538303790, [0.93, 0.9, 0.915, 0.96], "0.005");
                _ids[ThirdRun] = await CreateFinishedRunAsync(http, "candidate-v3", 1795538303806, 1795538303841, [0.8, 0.7, 0.7467, 0.9], "0.1");
            }
            if (name == "78_registered_models_get_latest_versions")
            {
                await PostAsync(http, "model-versions/create", $$"""{"name":"fraud-detector","source":"mlflow-artifacts:/1/{{_ids[ThirdRun]}}/artifacts/model","run_id":"{{_ids[ThirdRun]}}"}""");
            }
            var fixture = MlflowFixtures.Load(name);
            Answers[fixture.File] = await SendAsync(http, fixture);
            if (name == "12_runs_create")
            {
                using var created = JsonDocument.Parse(Answers[fixture.File].Body);
                _ids[BaselineRun] = created.RootElement.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private async Task<Answer> SendAsync(HttpClient http, MlflowFixture fixture)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fixture.Method), MapIds(fixture.Path.TrimStart('/')));
        if (fixture.RequestBody is { } body)
        {
            var text = body.ValueKind == JsonValueKind.String ? body.GetString()! : JsonSerializer.Serialize(body, Compact);
            request.Content = new StringContent(MapIds(text), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(fixture.RequestContentType ?? "application/json");
        }
        using var response = await http.SendAsync(request);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> CreateFinishedRunAsync(HttpClient http, string name, long start, long end, double[] scores, string learningRate)
    {
        var created = await PostAsync(http, "runs/create", $$"""{"experiment_id":"1","run_name":"{{name}}","start_time":{{start}}}""");
        var runId = created.RootElement.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
        string[] keys = ["precision", "recall", "f1_score", "accuracy"];
        var metrics = string.Join(',', keys.Zip(scores, (k, v) => $$"""{"key":"{{k}}","value":{{v}},"timestamp":{{start}},"step":0}"""));
        await PostAsync(http, "runs/log-batch", $$"""{"run_id":"{{runId}}","metrics":[{{metrics}}],"params":[{"key":"learning_rate","value":"{{learningRate}}"}]}""");
        await PostAsync(http, "runs/update", $$"""{"run_id":"{{runId}}","status":"FINISHED","end_time":{{end}}}""");
        return runId;
    }

    private static async Task<JsonDocument> PostAsync(HttpClient http, string endpoint, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("api/2.0/mlflow/" + endpoint, content);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
