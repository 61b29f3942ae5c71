using Sentinel.AutoRetrain.Tests.Datasets;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Testing.Llm;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>
/// LLM cost end to end: the retrain against the OpenAI wire double (with usage blocks) and the MLflow double — what
/// generation spent lands in the result, the summaries, the run's metrics and tags, and the next run's 30-day budget.
/// </summary>
public sealed class LlmBudgetRetrainTests : IAsyncLifetime
{
    private RetrainHarness _h = null!;
    private OpenAiServerDouble _llm = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await RetrainHarness.StartAsync(withMlflow: true);
        _llm = await OpenAiServerDouble.StartAsync();
        _h.Settings["Sentinel:Llm:OpenAiApiKey"] = "sk-test";
        _h.Settings["Sentinel:Llm:Prices"] = "openai/gpt-4o-mini=0.15,0.60";
    }

    public async ValueTask DisposeAsync()
    {
        await _llm.DisposeAsync();
        await _h.DisposeAsync();
    }

    private ResolvedSpecialist Specialist(GenerationBudget budget, GenerationPolicy policy = GenerationPolicy.IfNoTrainingSet)
    {
        var s = Specialists.Sentiment(provider: "openai", samples: 90, model: "gpt-4o-mini");
        return s with
        {
            Retraining = s.Retraining with
            {
                DatasetGeneration = s.Retraining.DatasetGeneration with { BaseUrl = _llm.BaseUri.ToString(), Budget = budget, Policy = policy },
            },
        };
    }

    private void ScriptReplies(int from, int count)
    {
        for (var call = from; call < from + count; call++) _llm.Reply(LlmReplies.Samples(call), inputTokens: 1000, outputTokens: 500);
    }

    [Fact]
    public async Task Retrain_PerRunBudgetStopsGenerationMidway_TrainsOnWhatThereIsAndRecordsTheSpendEverywhere()
    {
        ScriptReplies(1, 6);

        var result = Assert.Single((await _h.RunAsync(Specialist(new GenerationBudget(5000, null, null, null)))).Results);

        Assert.Equal(RetrainState.Succeeded, result.Status);
        Assert.Equal(3, _llm.Requests.Count);
        Assert.Equal(45, result.SyntheticRows);
        var usage = result.LlmUsage!;
        Assert.Equal((3, 3000L, 1500L), (usage.Calls, usage.InputTokens, usage.OutputTokens));
        Assert.Equal((3000 * 0.15 + 1500 * 0.60) / 1e6, usage.CostUsd!.Value, 12);
        Assert.Equal(GenerationBudget.TokensPerRun, usage.BudgetStopped);

        var mlflow = _h.Mlflow!.BaseUri;
        Assert.Equal(3000d, await MlflowReads.MetricAsync(mlflow, result.RunId!, LlmMetricKeys.InputTokens));
        Assert.Equal(1500d, await MlflowReads.MetricAsync(mlflow, result.RunId!, LlmMetricKeys.OutputTokens));
        Assert.Equal(3d, await MlflowReads.MetricAsync(mlflow, result.RunId!, LlmMetricKeys.Calls));
        Assert.Equal(0d, await MlflowReads.MetricAsync(mlflow, result.RunId!, LlmMetricKeys.Retries));
        Assert.Equal(0.00135, (await MlflowReads.MetricAsync(mlflow, result.RunId!, LlmMetricKeys.CostEstimatedUsd))!.Value, 9);
        Assert.Equal("openai", await MlflowReads.TagAsync(mlflow, result.RunId!, RetrainTags.LlmProvider));
        Assert.Equal("gpt-4o-mini", await MlflowReads.TagAsync(mlflow, result.RunId!, RetrainTags.LlmModel));
        Assert.Null(await MlflowReads.TagAsync(mlflow, result.RunId!, RetrainTags.LlmCost));
        Assert.Equal(GenerationBudget.TokensPerRun, await MlflowReads.TagAsync(mlflow, result.RunId!, RetrainTags.LlmBudgetStopped));

        var text = RetrainTextSummary.Render([result]);
        Assert.Contains("LLM: 3 call(s) to openai/gpt-4o-mini (0 failed, 0 retries", text, StringComparison.Ordinal);
        Assert.Contains("3000 input + 1500 output tokens; estimated cost $0.0014", text, StringComparison.Ordinal);
        Assert.Contains("BUDGET STOPPED GENERATION (maxTokensPerRun)", text, StringComparison.Ordinal);
        var json = RetrainJsonSummary.Render([result]);
        Assert.Contains("\"input_tokens\": 3000", json, StringComparison.Ordinal);
        Assert.Contains("\"budget_stopped\": \"maxTokensPerRun\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_ThirtyDayBudgetAlreadySpent_GenerationSkippedSaidAndTrainsOnTheChampionsRows()
    {
        ScriptReplies(1, 6);
        var first = Assert.Single((await _h.RunAsync(Specialist(new GenerationBudget(5000, null, null, null)))).Results);
        Assert.Equal(RetrainState.Succeeded, first.Status);
        var calls = _llm.Requests.Count;

        var budget = new GenerationBudget(null, null, 4000, null);
        var result = Assert.Single((await _h.RunAsync(Specialist(budget, GenerationPolicy.Always), force: true)).Results);

        Assert.Equal(RetrainState.Succeeded, result.Status);
        Assert.Equal(calls, _llm.Requests.Count);
        Assert.Equal(GenerationBudget.TokensPer30Days, result.LlmUsage!.BudgetStopped);
        Assert.Contains("maxTokensPer30Days is spent: 4500 of 4000 tokens in the last 30 days (1 runs)", result.LlmUsage.BudgetMessage, StringComparison.Ordinal);
        Assert.Equal(0, result.LlmUsage.Calls);
        Assert.Equal(0d, result.LlmUsage.CostUsd);
        Assert.Equal(0, result.SyntheticRows);
        Assert.True(result.TrainingSet!.PreviousRows > 0);
        Assert.Equal(GenerationBudget.TokensPer30Days, await MlflowReads.TagAsync(_h.Mlflow!.BaseUri, result.RunId!, RetrainTags.LlmBudgetStopped));
        Assert.Contains("BUDGET STOPPED GENERATION (maxTokensPer30Days)", RetrainTextSummary.Render([result]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_CostBudgetWithoutAPrice_RefusesToGenerate()
    {
        _h.Settings["Sentinel:Llm:Prices"] = "openai/gpt-4o=2.5,10";
        ScriptReplies(1, 6);

        var result = Assert.Single((await _h.RunAsync(Specialist(new GenerationBudget(null, 1.0, null, null)))).Results);

        Assert.Empty(_llm.Requests);
        Assert.Equal(GenerationBudget.CostPerRun, result.LlmUsage!.BudgetStopped);
        Assert.Contains("no price for openai/gpt-4o-mini", result.LlmUsage.BudgetMessage, StringComparison.Ordinal);
        Assert.Contains("cannot be enforced", result.LlmUsage.BudgetMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_FailsAfterGeneratingBeforeItsRunExists_TheSpendIsAFailedRun_AndTheNextThirtyDayBudgetCountsIt()
    {
        ScriptReplies(1, 6);
        // The run's creation fails (a create is not retried: a retry could make two runs): generation has spent, and no run holds it yet.
        _h.Mlflow!.Faults.FailNextUnder("/api/2.0/mlflow/runs/create", 1);

        var failed = Assert.Single((await _h.RunAsync(Specialist(new GenerationBudget(null, null, null, null)))).Results);

        Assert.Equal(RetrainState.Failed, failed.Status);
        Assert.Equal(RetrainSteps.Track, failed.FailedStep);
        Assert.Null(failed.RunId);
        Assert.Null(failed.SpendWarning);
        Assert.Equal(9000L, failed.LlmUsage!.TotalTokens);
        var spendRun = Assert.Single(await MlflowReads.RunsAsync(_h.Mlflow.BaseUri, "sentiment-specialist"));
        Assert.Equal("FAILED", spendRun.Status);
        Assert.Equal(6000d, await MlflowReads.MetricAsync(_h.Mlflow.BaseUri, spendRun.RunId, LlmMetricKeys.InputTokens));
        Assert.Equal(RetrainSteps.Track, await MlflowReads.TagAsync(_h.Mlflow.BaseUri, spendRun.RunId, RetrainTags.FailedStep));

        var calls = _llm.Requests.Count;
        var next = Assert.Single((await _h.RunAsync(Specialist(new GenerationBudget(null, null, 8000, null)))).Results);

        Assert.Equal(calls, _llm.Requests.Count);
        Assert.Equal(GenerationBudget.TokensPer30Days, next.LlmUsage!.BudgetStopped);
        Assert.Contains("9000 of 8000 tokens in the last 30 days (1 runs)", next.LlmUsage.BudgetMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_FailsBeforeItsRunExists_AndTheSpendCannotBeRecorded_SaysSo()
    {
        ScriptReplies(1, 6);
        // MLflow refuses every run creation: the retrain's and the one that would hold the spend.
        _h.Mlflow!.Faults.FailNextUnder("/api/2.0/mlflow/runs/create", 2);

        var failed = Assert.Single((await _h.RunAsync(Specialist(new GenerationBudget(null, null, null, null)))).Results);

        Assert.Equal(RetrainState.Failed, failed.Status);
        Assert.Contains("could not be recorded in the tracking store", failed.SpendWarning, StringComparison.Ordinal);
        Assert.Contains("the 30-day budget of the next retrains does not count it", failed.SpendWarning, StringComparison.Ordinal);
        Assert.Contains("WARNING: what generation spent", RetrainTextSummary.Render([failed]), StringComparison.Ordinal);
        Assert.Contains("\"spend_warning\": \"what generation spent", RetrainJsonSummary.Render([failed]), StringComparison.Ordinal);
        Assert.Empty(await MlflowReads.RunsAsync(_h.Mlflow.BaseUri, "sentiment-specialist"));
    }
}
