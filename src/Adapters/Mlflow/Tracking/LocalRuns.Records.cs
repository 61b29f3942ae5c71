using Sentinel.Core.Tracking;
using static Sentinel.Adapters.Mlflow.Tracking.TrackingDatabase;

namespace Sentinel.Adapters.Mlflow.Tracking;

// Runs with their tags and latest metrics, as MLflow's run search returns them.
internal sealed partial class LocalRuns
{
    /// <summary>The experiment's runs tagged key = value that started at or after <paramref name="since"/>, newest first, with tags and latest metrics.</summary>
    public Task<IReadOnlyList<RunRecord>> FindRunRecordsAsync(string experimentId, string key, string value, long since, int limit, CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<RunRecord>>(async c =>
        {
            var runs = new List<(string Id, long Start)>();
            await using (var select = Command(c, null,
                "SELECT r.run_id, r.start_time FROM runs r JOIN run_tags t ON t.run_id = r.run_id WHERE r.experiment_id = $exp AND t.key = $key AND t.value = $value " +
                "AND r.start_time >= $since ORDER BY r.start_time DESC, r.rowid DESC LIMIT $limit",
                ("$exp", experimentId), ("$key", key), ("$value", value), ("$since", since), ("$limit", limit)))
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) runs.Add((reader.GetString(0), reader.GetInt64(1)));
            }
            var records = new List<RunRecord>(runs.Count);
            foreach (var (id, start) in runs)
            {
                // MLflow's latest value: highest step, then newest timestamp, then highest value.
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                await using (var select = Command(c, null, "SELECT key, value FROM metrics WHERE run_id = $run ORDER BY key, step DESC, timestamp DESC, value DESC", ("$run", id)))
                await using (var reader = await select.ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct)) metrics.TryAdd(reader.GetString(0), reader.GetDouble(1));
                }
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                await using (var select = Command(c, null, "SELECT key, value FROM run_tags WHERE run_id = $run", ("$run", id)))
                await using (var reader = await select.ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct)) tags[reader.GetString(0)] = reader.GetString(1);
                }
                records.Add(new RunRecord(id, FromMillis(start), metrics, tags));
            }
            return records;
        }, ct);
}
