using System.Globalization;
using Microsoft.Data.Sqlite;
using Sentinel.Core.Scoring;
using Sentinel.Core.Tracking;
using static Sentinel.Adapters.Mlflow.Tracking.TrackingDatabase;

namespace Sentinel.Adapters.Mlflow.Tracking;

/// <summary>Experiments, runs, params, tags and metrics of the local tracking store, with MLflow's rules.</summary>
internal sealed partial class LocalRuns(TrackingDatabase db, Func<string, string, string> artifactUri)
{
    /// <summary>How many of an experiment's newest runs the fallback selection looks at (the seed's 100).</summary>
    public const int RecentRunsConsidered = 100;

    public Task<string> GetOrCreateExperimentAsync(string name, long nowMillis, CancellationToken ct)
    {
        RegistryRules.ValidateName(name, "Experiment");
        return db.WriteAsync(async (c, t) =>
        {
            // Read first, inside the write transaction: an ignored insert would still use up an id.
            await using (var select = Command(c, t, "SELECT experiment_id FROM experiments WHERE name = $name", ("$name", name)))
                if (await select.ExecuteScalarAsync(ct) is long existing) return existing.ToString(CultureInfo.InvariantCulture);
            await using var insert = Command(c, t, "INSERT INTO experiments (name, creation_time) VALUES ($name, $now) RETURNING experiment_id", ("$name", name), ("$now", nowMillis));
            return ((long)(await insert.ExecuteScalarAsync(ct))!).ToString(CultureInfo.InvariantCulture);
        }, ct);
    }

    public Task<string?> FindExperimentAsync(string name, CancellationToken ct) =>
        db.RunAsync(async c =>
        {
            await using var select = Command(c, null, "SELECT experiment_id FROM experiments WHERE name = $name", ("$name", name));
            return await select.ExecuteScalarAsync(ct) is long id ? id.ToString(CultureInfo.InvariantCulture) : null;
        }, ct);

    public Task<TrackedRun> CreateRunAsync(string experimentId, string runName, IReadOnlyDictionary<string, string> tags, DateTimeOffset startTime, CancellationToken ct) =>
        db.WriteAsync(async (c, t) =>
        {
            await using (var exists = Command(c, t, "SELECT 1 FROM experiments WHERE experiment_id = $id", ("$id", experimentId)))
                if (await exists.ExecuteScalarAsync(ct) is null)
                    throw new TrackingException(RegistryRules.ResourceDoesNotExist, $"No Experiment with id={experimentId} exists");
            var runId = Guid.NewGuid().ToString("N");
            await using (var insert = Command(c, t,
                "INSERT INTO runs (run_id, experiment_id, run_name, status, start_time) VALUES ($run, $exp, $name, 'RUNNING', $start)",
                ("$run", runId), ("$exp", experimentId), ("$name", runName), ("$start", ToMillis(startTime))))
                await insert.ExecuteNonQueryAsync(ct);
            foreach (var (key, value) in tags.Append(new("mlflow.runName", runName)))
                await UpsertTagAsync(c, t, runId, key, value, ct);
            return new TrackedRun(runId, experimentId, runName, artifactUri(experimentId, runId));
        }, ct);

    public Task LogBatchAsync(string runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        foreach (var m in metrics)
        {
            RegistryRules.ValidateName(m.Key, "Metric");
            if (!double.IsFinite(m.Value))
                throw new TrackingException(RegistryRules.InvalidParameterValue,
                    string.Create(CultureInfo.InvariantCulture, $"Metric '{m.Key}' has the non-finite value {m.Value}; log finite numbers only."));
        }
        return db.WriteAsync(async (c, t) =>
        {
            await RequireRunAsync(c, t, runId, ct);
            foreach (var (key, value) in parameters)
            {
                RegistryRules.ValidateName(key, "Param");
                await using var existing = Command(c, t, "SELECT value FROM params WHERE run_id = $run AND key = $key", ("$run", runId), ("$key", key));
                if (await existing.ExecuteScalarAsync(ct) is string old)
                {
                    if (old != value)
                        throw new TrackingException(RegistryRules.InvalidParameterValue,
                            $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{old}' for run ID='{runId}'. Attempted logging new value '{value}'.");
                    continue;
                }
                await using var insert = Command(c, t, "INSERT INTO params (run_id, key, value) VALUES ($run, $key, $value)", ("$run", runId), ("$key", key), ("$value", value));
                await insert.ExecuteNonQueryAsync(ct);
            }
            foreach (var m in metrics)
            {
                await using var insert = Command(c, t, "INSERT INTO metrics (run_id, key, value, timestamp, step) VALUES ($run, $key, $value, $ts, $step)",
                    ("$run", runId), ("$key", m.Key), ("$value", m.Value), ("$ts", ToMillis(m.Timestamp)), ("$step", m.Step));
                await insert.ExecuteNonQueryAsync(ct);
            }
            foreach (var (key, value) in tags) await UpsertTagAsync(c, t, runId, key, value, ct);
            return true;
        }, ct);
    }

    /// <summary>Records the datasets a run used; the same dataset (name, digest) in the same context is kept once.</summary>
    public Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken ct) =>
        db.WriteAsync(async (c, t) =>
        {
            await RequireRunAsync(c, t, runId, ct);
            foreach (var i in inputs)
            {
                await using var insert = Command(c, t,
                    "INSERT OR IGNORE INTO run_inputs (run_id, name, digest, context, source_type, source, schema, profile) VALUES ($run, $name, $digest, $context, $type, $source, $schema, $profile)",
                    ("$run", runId), ("$name", i.Name), ("$digest", i.Digest), ("$context", i.Context), ("$type", i.SourceType), ("$source", i.Source), ("$schema", i.Schema), ("$profile", i.Profile));
                await insert.ExecuteNonQueryAsync(ct);
            }
            return true;
        }, ct);

    /// <summary>The datasets a run used, in the order they were logged.</summary>
    public Task<IReadOnlyList<DatasetInput>> GetInputsAsync(string runId, CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<DatasetInput>>(async c =>
        {
            await using var select = Command(c, null, "SELECT name, digest, source_type, source, schema, profile, context FROM run_inputs WHERE run_id = $run ORDER BY rowid", ("$run", runId));
            await using var reader = await select.ExecuteReaderAsync(ct);
            var inputs = new List<DatasetInput>();
            while (await reader.ReadAsync(ct))
                inputs.Add(new DatasetInput(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
            return inputs;
        }, ct);

    public Task FinishRunAsync(string runId, TrackedRunStatus status, DateTimeOffset endTime, CancellationToken ct) =>
        db.WriteAsync(async (c, t) =>
        {
            await using var update = Command(c, t, "UPDATE runs SET status = $status, end_time = $end WHERE run_id = $run",
                ("$status", StatusName(status)), ("$end", ToMillis(endTime)), ("$run", runId));
            if (await update.ExecuteNonQueryAsync(ct) == 0) throw RegistryRules.RunNotFound(runId);
            return true;
        }, ct);

    public Task<StoredRun?> GetRunAsync(string runId, CancellationToken ct) =>
        db.RunAsync(async c =>
        {
            await using var select = Command(c, null, $"SELECT {RunColumns} FROM runs WHERE run_id = $run", ("$run", runId));
            await using var reader = await select.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? ReadRun(reader) : null;
        }, ct);

    /// <summary>The newest FINISHED run among the experiment's <see cref="RecentRunsConsidered"/> newest runs (MLflow's order: start time, then run id).</summary>
    public Task<StoredRun?> FindLatestFinishedAsync(string experimentId, CancellationToken ct) =>
        db.RunAsync(async c =>
        {
            await using var select = Command(c, null,
                $"SELECT {RunColumns} FROM (SELECT * FROM runs WHERE experiment_id = $exp ORDER BY start_time DESC, run_id LIMIT $limit) " +
                "WHERE status = 'FINISHED' ORDER BY start_time DESC, run_id LIMIT 1",
                ("$exp", experimentId), ("$limit", RecentRunsConsidered));
            await using var reader = await select.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? ReadRun(reader) : null;
        }, ct);

    /// <summary>
    /// Start time of the experiment's newest run tagged <paramref name="key"/> = <paramref name="value"/> that is FINISHED,
    /// or still RUNNING or SCHEDULED and started at or after <paramref name="abandonedBefore"/>.
    /// </summary>
    public Task<DateTimeOffset?> FindNewestTaggedStartAsync(string experimentId, string key, string value, DateTimeOffset abandonedBefore, CancellationToken ct) =>
        db.RunAsync(async c =>
        {
            await using var select = Command(c, null,
                "SELECT MAX(r.start_time) FROM runs r JOIN run_tags t ON t.run_id = r.run_id WHERE r.experiment_id = $exp AND t.key = $key AND t.value = $value " +
                "AND (r.status = 'FINISHED' OR (r.status IN ('RUNNING', 'SCHEDULED') AND r.start_time >= $cutoff))",
                ("$exp", experimentId), ("$key", key), ("$value", value), ("$cutoff", ToMillis(abandonedBefore)));
            return await select.ExecuteScalarAsync(ct) is long ms ? FromMillis(ms) : (DateTimeOffset?)null;
        }, ct);

    /// <summary>The id of the newest run of the experiment tagged key = value; null when there is none.</summary>
    public Task<IReadOnlyList<string>> FindTaggedRunsAsync(string experimentId, string key, string value, long startedBefore, int limit, CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<string>>(async c =>
        {
            await using var select = Command(c, null,
                "SELECT r.run_id FROM runs r JOIN run_tags t ON t.run_id = r.run_id WHERE r.experiment_id = $exp AND t.key = $key AND t.value = $value " +
                "AND r.start_time < $before ORDER BY r.start_time DESC, r.rowid DESC LIMIT $limit",
                ("$exp", experimentId), ("$key", key), ("$value", value), ("$before", startedBefore), ("$limit", limit));
            await using var reader = await select.ExecuteReaderAsync(ct);
            var runs = new List<string>();
            while (await reader.ReadAsync(ct)) runs.Add(reader.GetString(0));
            return runs;
        }, ct);

    public Task<long> CountRunsAsync(string experimentId, CancellationToken ct) =>
        db.RunAsync(async c =>
        {
            await using var count = Command(c, null, "SELECT COUNT(*) FROM runs WHERE experiment_id = $exp", ("$exp", experimentId));
            return (long)(await count.ExecuteScalarAsync(ct))!;
        }, ct);

    /// <summary>The latest value of each monitored metric: highest step, then newest timestamp, then highest value (MLflow's rule).</summary>
    public Task<RunMetrics> GetLatestMetricsAsync(string runId, CancellationToken ct) =>
        db.RunAsync(async c =>
        {
            await using var select = Command(c, null,
                "SELECT key, value FROM metrics WHERE run_id = $run AND key IN ($p, $r, $f, $a) ORDER BY key, step DESC, timestamp DESC, value DESC",
                ("$run", runId), ("$p", MetricKeys.Precision), ("$r", MetricKeys.Recall), ("$f", MetricKeys.F1Score), ("$a", MetricKeys.Accuracy));
            await using var reader = await select.ExecuteReaderAsync(ct);
            var latest = new Dictionary<string, double>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct)) latest.TryAdd(reader.GetString(0), reader.GetDouble(1));
            return new RunMetrics(Value(MetricKeys.Precision), Value(MetricKeys.Recall), Value(MetricKeys.F1Score), Value(MetricKeys.Accuracy));

            double? Value(string key) => latest.TryGetValue(key, out var v) ? v : null;
        }, ct);

    private const string RunColumns = "run_id, experiment_id, run_name, status, start_time";

    private static StoredRun ReadRun(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetInt64(1).ToString(CultureInfo.InvariantCulture),
        r.IsDBNull(2) ? null : r.GetString(2),
        r.GetString(3),
        FromMillis(r.GetInt64(4)));

    private static async Task RequireRunAsync(SqliteConnection c, SqliteTransaction t, string runId, CancellationToken ct)
    {
        await using var exists = Command(c, t, "SELECT 1 FROM runs WHERE run_id = $run", ("$run", runId));
        if (await exists.ExecuteScalarAsync(ct) is null) throw RegistryRules.RunNotFound(runId);
    }

    private static async Task UpsertTagAsync(SqliteConnection c, SqliteTransaction t, string runId, string key, string value, CancellationToken ct)
    {
        await using var upsert = Command(c, t, "INSERT INTO run_tags (run_id, key, value) VALUES ($run, $key, $value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
            ("$run", runId), ("$key", key), ("$value", value));
        await upsert.ExecuteNonQueryAsync(ct);
    }

    private static string StatusName(TrackedRunStatus status) => status switch
    {
        TrackedRunStatus.Running => "RUNNING",
        TrackedRunStatus.Scheduled => "SCHEDULED",
        TrackedRunStatus.Finished => "FINISHED",
        TrackedRunStatus.Failed => "FAILED",
        _ => "KILLED",
    };
}

/// <summary>A run row: what the store needs to build a <see cref="TrackedRun"/> or a <see cref="MonitoredRun"/>.</summary>
internal sealed record StoredRun(string RunId, string ExperimentId, string? RunName, string Status, DateTimeOffset StartTime);
