using Sentinel.Adapters.Mlflow.Dtos;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow;

// Which run judges a specialist: the champion alias's run, else the latest Production version's run,
// else the newest FINISHED run among the experiment's last 100.
public sealed partial class MlflowTrackingStore
{
    /// <summary>How many of the experiment's newest runs are looked at for a FINISHED one.</summary>
    public const int RecentRunsScanned = 100;

    public async Task<RunLookup> FindMonitoredRunAsync(TrackingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var model = target.RegisteredModel;
        var champion = await GetVersionByAliasAsync(model, target.ChampionAlias, cancellationToken);
        if (await RunOfVersionAsync(champion, RunSelection.ChampionAlias, cancellationToken) is { } byAlias) return Found(model, byAlias);
        var aliasNote = champion is null
            ? $"no version of registered model '{model}' carries alias '{target.ChampionAlias}'"
            : $"alias '{target.ChampionAlias}' of '{model}' points at version {champion.Version}, whose run is not on the server";
        MlflowLog.MonitoredRunFallback(_logger, model, aliasNote);

        var production = await GetLatestInStageAsync(model, "Production", cancellationToken);
        if (await RunOfVersionAsync(production, RunSelection.ProductionStage, cancellationToken) is { } byStage) return Found(model, byStage);
        var stageNote = production is null ? "none is in stage Production" : $"Production version {production.Version} has no run on the server";
        MlflowLog.MonitoredRunFallback(_logger, model, stageNote);

        var registry = $"{aliasNote} and {stageNote}";
        var experiment = await FindExperimentAsync(target.Experiment, cancellationToken);
        if (experiment is null)
        {
            return RunLookup.Missing(
                $"MLflow experiment '{target.Experiment}' does not exist on {_client.DisplayServer} ({registry}); " +
                "set the specialist's MLflow experiment to the one its training runs log to, or run a retrain to create it");
        }
        if (IsDeleted(experiment))
        {
            return RunLookup.Missing(
                $"MLflow experiment '{target.Experiment}' on {_client.DisplayServer} is deleted ({registry}); restore it (mlflow experiments restore) " +
                "or point the specialist at another experiment");
        }
        var (newest, scanned) = await NewestFinishedRunAsync(experiment.ExperimentId, cancellationToken);
        if (newest is null)
        {
            var runs = scanned == 0 ? "has no runs" : $"has no FINISHED run among its last {scanned}";
            return RunLookup.Missing(
                $"MLflow experiment '{target.Experiment}' on {_client.DisplayServer} {runs} ({registry}); " +
                "let a training run finish (or run a retrain), or register a model version and set its alias");
        }
        return Found(model, ToMonitoredRun(newest, RunSelection.LatestFinishedRun, null));
    }

    private RunLookup Found(string model, MonitoredRun run)
    {
        MlflowLog.MonitoredRunFound(_logger, model, run.RunId, run.SelectedBy);
        return RunLookup.Found(run);
    }

    private async Task<MonitoredRun?> RunOfVersionAsync(ModelVersionDto? version, RunSelection selection, CancellationToken cancellationToken)
    {
        if (version is null || string.IsNullOrEmpty(version.RunId)) return null;
        return await GetRunDtoAsync(version.RunId, cancellationToken) is { } run ? ToMonitoredRun(run, selection, version.Version) : null;
    }

    /// <summary>Newest first, page by page (MLflow returns a token whenever a page is full, so the last page may be empty).</summary>
    private async Task<(RunDto? Run, int Scanned)> NewestFinishedRunAsync(string experimentId, CancellationToken cancellationToken)
    {
        var scanned = 0;
        string? token = null;
        do
        {
            var request = new SearchRunsRequest([experimentId], ["attributes.start_time DESC"],
                Math.Min(_options.RunSearchPageSize, RecentRunsScanned - scanned), "ACTIVE_ONLY", token);
            var page = (await _client.SendJsonAsync(MlflowOperation.SearchRuns, HttpMethod.Post, Api + "runs/search", request,
                Json.SearchRunsRequest, Json.SearchRunsResponse, cancellationToken)).GetOrThrow($"search the runs of experiment {experimentId}");
            foreach (var run in page.Runs ?? [])
            {
                scanned++;
                if (run.Info.Status == "FINISHED") return (run, scanned);
                if (scanned == RecentRunsScanned) return (null, scanned);
            }
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
        return (null, scanned);
    }

    private static MonitoredRun ToMonitoredRun(RunDto run, RunSelection selection, string? modelVersion)
    {
        var metrics = (run.Data?.Metrics ?? []).GroupBy(m => m.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        return new MonitoredRun(
            run.Info.RunId,
            run.Info.ExperimentId,
            run.Info.RunName,
            selection,
            modelVersion,
            run.Info.StartTime is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            new RunMetrics(Usable(metrics, "precision"), Usable(metrics, "recall"), Usable(metrics, "f1_score"), Usable(metrics, "accuracy")));
    }

    /// <summary>A metric the run never logged, or logged as NaN or an infinity (stored by MLflow as ±1.797e308), is null: missing, not scored.</summary>
    private static double? Usable(Dictionary<string, double> metrics, string key) =>
        metrics.TryGetValue(key, out var value) && double.IsFinite(value) && Math.Abs(value) < double.MaxValue ? value : null;
}
