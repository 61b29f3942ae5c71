using System.Text.Json;
using Sentinel.AutoRetrain.Flow;
using Sentinel.AutoRetrain.Tests.Flow;
using Sentinel.Core.Retraining;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Processes;
using Sentinel.Testing.Slack;
using KnownDatasets = Sentinel.AutoRetrain.Tests.Flow.Datasets;

namespace Sentinel.AutoRetrain.Tests.Cli;

/// <summary>
/// The whole retrain as a user runs it, against the MLflow double and a Slack webhook: a first model is promoted, then
/// a challenger that beats it is promoted and one that is worse is registered but not promoted. The datasets are built
/// so the outcome is known (see <see cref="KnownDatasets.UniqueWords"/>).
/// </summary>
public sealed class RetrainCliEndToEndTests : IAsyncLifetime
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
        _cli.Environment["DATASET_NUM_SAMPLES"] = "90";
    }

    private Task<(CliResult Cli, JsonElement Result)> RetrainAsync(params string[] args) =>
        _cli.RunJsonAsync(["--specialist-type", "sentiment", "--notification-channels", "slack", .. args]);

    [Fact]
    public async Task Retrain_BetterChallenger_IsPromotedAndOldChampionKept()
    {
        // A champion that learned from two rows per label, made champion by force; the challenger learns from forty.
        await _cli.WriteDatasetAsync("sentiment", KnownDatasets.Separable(Specialists.Labels, 2, seed: 3), DateTimeOffset.UtcNow.AddDays(-2));
        var (forced, first) = await RetrainAsync("--skip-dataset-generation", "--force-promote");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.True(first.GetProperty("promoted").GetBoolean(), forced.ToString());
        Assert.Equal(first.GetProperty("forced").GetBoolean() ? "true" : "false", await MlflowReads.TagAsync(_mlflow, first.GetProperty("run_id").GetString()!, RetrainTags.Forced));
        await _cli.WriteDatasetAsync("sentiment", KnownDatasets.Separable(Specialists.Labels, 40, seed: 4), DateTimeOffset.UtcNow.AddDays(-1));
        _cli.Environment["DATASET_GENERATION_POLICY"] = "Always"; // a retrain that brings new rows beside the champion's

        var (cli, result) = await RetrainAsync("--force", "--skip-dataset-generation");

        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.True(result.GetProperty("promoted").GetBoolean(), cli.ToString());
        Assert.True(result.GetProperty("improved").GetBoolean());
        Assert.Equal("1", result.GetProperty("champion_version").GetString());
        Assert.Equal("2", result.GetProperty("model_version").GetString());
        var heldOut = result.GetProperty("comparisons")[0];
        Assert.True(heldOut.GetProperty("delta").GetDouble() > 0.2 && heldOut.GetProperty("p_value").GetDouble() < 0.05, heldOut.ToString());
        Assert.Equal("2", await MlflowReads.AliasAsync(_mlflow, Model, "champion"));
        Assert.Equal("1", await MlflowReads.AliasAsync(_mlflow, Model, Promoter.PreviousChampionAlias));
        Assert.Equal("promoted", await MlflowReads.TagAsync(_mlflow, result.GetProperty("run_id").GetString()!, RetrainTags.Outcome));
        Assert.Contains("sentiment retrained: promoted", _slack.Requests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_WorseChallenger_IsRegisteredButChampionStays()
    {
        // The champion learned separable rows. A careless labeller then gives every text it learned from the next
        // label; the challenger starts from the champion's rows and takes those labels over them. The champion's
        // evaluation set persists in its run, so on rows neither trained on the champion wins.
        await _cli.WriteDatasetAsync("sentiment", KnownDatasets.Separable(Specialists.Labels, 40), DateTimeOffset.UtcNow.AddDays(-2));
        var first = await AssertFirstModelPromotedAsync();
        var trainedOn = await MlflowReads.RunDatasetAsync(_mlflow.BaseUri, first, DatasetArtifacts.TrainingPath);
        await LocalFeedback.AddLabelsAsync(_cli.Directory, "sentiment", "1",
            [.. trainedOn.Select(r => r with { Label = Specialists.Labels[(Array.IndexOf(Specialists.Labels, r.Label) + 1) % Specialists.Labels.Length] })]);

        var (cli, result) = await RetrainAsync("--force");

        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.False(result.GetProperty("promoted").GetBoolean());
        Assert.False(result.GetProperty("improved").GetBoolean());
        Assert.Equal("2", result.GetProperty("model_version").GetString());
        var dataset = result.GetProperty("dataset");
        Assert.Equal((0, trainedOn.Count, trainedOn.Count, false), (dataset.GetProperty("previous_rows").GetInt32(), dataset.GetProperty("relabelled_rows").GetInt32(), dataset.GetProperty("feedback_rows").GetInt32(), dataset.GetProperty("generated").GetBoolean()));
        Assert.Equal(first, await MlflowReads.TagAsync(_mlflow, result.GetProperty("run_id").GetString()!, RetrainTags.DatasetParentRun));
        var heldOut = result.GetProperty("comparisons")[0];
        Assert.Equal(SetComparison.Evaluation, heldOut.GetProperty("set").GetString());
        Assert.True(heldOut.GetProperty("p_value_worse").GetDouble() < 0.05, heldOut.ToString());
        Assert.True(heldOut.GetProperty("champion_f1_score").GetDouble() > heldOut.GetProperty("challenger_f1_score").GetDouble(), heldOut.ToString());
        Assert.Equal("1", await MlflowReads.AliasAsync(_mlflow, Model, "champion"));
        Assert.Null(await MlflowReads.AliasAsync(_mlflow, Model, Promoter.PreviousChampionAlias));
        var runId = result.GetProperty("run_id").GetString()!;
        Assert.Equal("FINISHED", await MlflowReads.RunStatusAsync(_mlflow, runId));
        Assert.Equal("not_promoted", await MlflowReads.TagAsync(_mlflow, runId, RetrainTags.Outcome));
        Assert.Equal("not_promoted", await MlflowReads.VersionTagAsync(_mlflow, Model, 2, RetrainTags.Outcome));
        Assert.Equal(result.GetProperty("promotion_reason").GetString(), await MlflowReads.VersionTagAsync(_mlflow, Model, 2, RetrainTags.PromotionReason));
        Assert.Contains("sentiment retrained: not promoted", _slack.Requests[^1].Body, StringComparison.Ordinal);
    }

    /// <summary>Runs the first retrain on the newest dataset, checks its model became the champion, and returns its run id.</summary>
    private async Task<string> AssertFirstModelPromotedAsync()
    {
        var (cli, result) = await RetrainAsync("--skip-dataset-generation");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Equal("first_model", result.GetProperty("decision").GetProperty("trigger").GetString());
        Assert.True(result.GetProperty("promoted").GetBoolean(), cli.ToString());
        Assert.Equal("1", await MlflowReads.AliasAsync(_mlflow, Model, "champion"));
        return result.GetProperty("run_id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _mlflow.DisposeAsync();
        _cli.Dispose();
    }
}
