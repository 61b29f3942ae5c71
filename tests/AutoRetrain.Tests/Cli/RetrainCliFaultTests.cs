using System.Text.Json;
using Sentinel.AutoRetrain.Tests.Flow;
using Sentinel.Core.Datasets;
using Sentinel.Core.Retraining;
using Sentinel.Testing.Llm;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Processes;
using Sentinel.Testing.Slack;

namespace Sentinel.AutoRetrain.Tests.Cli;

/// <summary>
/// Faults during <c>sentinel-retrain</c> run as a process against the MLflow double, with a champion in place: MLflow
/// failing mid-run, training that cannot succeed, the LLM timing out. Each exits non-zero, keeps the champion, marks
/// its run (if opened) FAILED and posts the failure with its step to Slack; once repaired, a rerun registers one version.
/// </summary>
public sealed class RetrainCliFaultTests : IAsyncLifetime
{
    private const string Model = "sentiment-specialist";
    private readonly RetrainCliSession _cli = new();
    private MlflowServerDouble _mlflow = null!;
    private SlackWebhookDouble _slack = null!;

    public async ValueTask InitializeAsync()
    {
        _mlflow = await MlflowServerDouble.StartAsync();
        _slack = await SlackWebhookDouble.StartAsync();
        _cli.Environment["MLFLOW_TRACKING_URI"] = _mlflow.BaseUri.ToString();
        _cli.Environment["SLACK_WEBHOOK_URL"] = _slack.WebhookUrl.ToString();
    }

    private Task<(CliResult Cli, JsonElement Result)> RetrainAsync(params string[] args) =>
        _cli.RunJsonAsync(["--specialist-type", "sentiment", "--notification-channels", "slack", .. args]);

    [Fact]
    public async Task Retrain_MlflowFailsAfterRunOpened_ExitsThreeAndRerunRegistersOneVersion()
    {
        await PromoteFirstModelAsync();
        _mlflow.Faults.BeforeNext("/api/2.0/mlflow/runs/log-batch", _ => _mlflow.Faults.FailNext(2));

        var (cli, result) = await RetrainAsync("--force");

        Assert.True(cli.ExitCode == 3, cli.ToString());
        await AssertFailedAsync(cli, result, "track", runOpened: true);
        Assert.Contains("MLflow at", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        await AssertRerunRegistersOneVersionAsync("--force");
    }

    [Fact]
    public async Task Retrain_FirstDatasetWithOneLabel_ExitsFourAndRerunRegistersOneVersion()
    {
        // Later retrains start from the champion's training set, which covers every label; a first model has only its dataset.
        var oneLabel = Enumerable.Range(0, 30).Select(i => new DatasetRow($"all of these rows say the same thing {i}", "positive", DatasetSource.Synthetic)).ToList();
        await _cli.WriteDatasetAsync("sentiment", oneLabel, DateTimeOffset.UtcNow.AddMinutes(-1));

        var (cli, result) = await RetrainAsync("--skip-dataset-generation");

        Assert.True(cli.ExitCode == 4, cli.ToString());
        Assert.Equal(("failed", "train"), (result.GetProperty("status").GetString(), result.GetProperty("failed_step").GetString()));
        Assert.Contains("every label needs training rows; none for: ", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("FAILED", await MlflowReads.RunStatusAsync(_mlflow, result.GetProperty("run_id").GetString()!));
        Assert.Empty(await MlflowReads.VersionRunIdsAsync(_mlflow, Model));
        Assert.Null(await MlflowReads.AliasAsync(_mlflow, Model, "champion"));
        Assert.Contains("sentiment retrain failed at step train", _slack.Requests[^1].Body, StringComparison.Ordinal);

        var (rerun, fixedResult) = await RetrainAsync();
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal("1", fixedResult.GetProperty("model_version").GetString());
        Assert.Single(await MlflowReads.VersionRunIdsAsync(_mlflow, Model));
    }

    [Fact]
    public async Task Retrain_LlmSlowerThanGenerationTimeout_ExitsFourWithoutRunAndRerunRegistersOneVersion()
    {
        await PromoteFirstModelAsync();
        _cli.Environment["DATASET_GENERATION_POLICY"] = "Always";
        await using var ollama = await OllamaServerDouble.StartAsync();
        _cli.Environment["LLM_PROVIDER"] = "local";
        _cli.Environment["LLM_BASE_URL"] = ollama.BaseUri.ToString();
        _cli.Environment["LLM_MODEL"] = "llama3";
        _cli.Environment["DATASET_GENERATION_TIMEOUT"] = "1";
        _cli.Environment["DATASET_NUM_SAMPLES"] = "12";
        ollama.Stall(TimeSpan.FromSeconds(30));

        var (cli, result) = await RetrainAsync("--force");

        Assert.True(cli.ExitCode == 4, cli.ToString());
        await AssertFailedAsync(cli, result, "generate", runOpened: false);
        Assert.Contains("DATASET_GENERATION_TIMEOUT", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("DATASET_GENERATION_TIMEOUT", _slack.Requests[^1].Body, StringComparison.Ordinal);

        // The rerun must not race a one-second budget on a loaded machine: what it checks is the outcome, not the time.
        ollama.Reply(TwelveSamples);
        _cli.Environment["DATASET_GENERATION_TIMEOUT"] = "300";
        await AssertRerunRegistersOneVersionAsync("--force");
        Assert.Equal("12", await MlflowReads.TagAsync(_mlflow, (await MlflowReads.VersionRunIdsAsync(_mlflow, Model))[^1], RetrainTags.DatasetSyntheticRows));
    }

    private const string TwelveSamples = """
        {"samples": [
          {"text": "I love how fast the new release is", "label": "positive"}, {"text": "Brilliant support, thank you", "label": "positive"},
          {"text": "Best purchase of the year", "label": "positive"}, {"text": "Works perfectly out of the box", "label": "positive"},
          {"text": "It crashed again and lost my work", "label": "negative"}, {"text": "Nobody answers my tickets", "label": "negative"},
          {"text": "The battery died after a week", "label": "negative"}, {"text": "Worst update so far", "label": "negative"},
          {"text": "The order number is on the invoice", "label": "neutral"}, {"text": "It ships in a cardboard box", "label": "neutral"},
          {"text": "The app has a settings page", "label": "neutral"}, {"text": "I bought it on Monday", "label": "neutral"}
        ]}
        """;

    private async Task PromoteFirstModelAsync()
    {
        var (cli, result) = await RetrainAsync();
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.True(result.GetProperty("promoted").GetBoolean(), cli.ToString());
        Assert.Equal("1", await MlflowReads.AliasAsync(_mlflow, Model, "champion"));
    }

    private async Task AssertFailedAsync(CliResult cli, JsonElement result, string step, bool runOpened)
    {
        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.Equal(step, result.GetProperty("failed_step").GetString());
        Assert.False(result.GetProperty("promoted").GetBoolean());
        Assert.Contains($"sentinel-retrain: sentiment: retrain failed at step {step}", cli.StandardError, StringComparison.Ordinal);
        Assert.Contains($"sentiment retrain failed at step {step}", _slack.Requests[^1].Body, StringComparison.Ordinal);
        Assert.Equal("1", await MlflowReads.AliasAsync(_mlflow, Model, "champion"));
        Assert.Single(await MlflowReads.VersionRunIdsAsync(_mlflow, Model));
        var runId = result.GetProperty("run_id");
        if (runOpened) Assert.Equal("FAILED", await MlflowReads.RunStatusAsync(_mlflow, runId.GetString()!));
        else
        {
            Assert.Equal(JsonValueKind.Null, runId.ValueKind);
            Assert.Equal(1, _mlflow.State.RunCount);
        }
    }

    private async Task AssertRerunRegistersOneVersionAsync(params string[] args)
    {
        var (cli, result) = await RetrainAsync(args);

        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        var versions = await MlflowReads.VersionRunIdsAsync(_mlflow, Model);
        Assert.Equal(2, versions.Count);
        Assert.Equal(result.GetProperty("run_id").GetString(), versions[1]);
        Assert.Equal("2", result.GetProperty("model_version").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _mlflow.DisposeAsync();
        _cli.Dispose();
    }
}
