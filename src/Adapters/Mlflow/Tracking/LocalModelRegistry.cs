using System.Globalization;
using Microsoft.Data.Sqlite;
using Sentinel.Core.Tracking;
using static Sentinel.Adapters.Mlflow.Tracking.TrackingDatabase;

namespace Sentinel.Adapters.Mlflow.Tracking;

/// <summary>
/// The local model registry, with MLflow's rules: models created on first registration, versions numbered
/// 1, 2, 3…, one version per alias (setting it again moves it), canonical stages, and stage changes that
/// never touch aliases.
/// </summary>
internal sealed class LocalModelRegistry(TrackingDatabase db)
{
    public Task<ModelVersionInfo> RegisterAsync(string name, string runId, string source, long nowMillis, CancellationToken ct)
    {
        RegistryRules.ValidateName(name, "Registered model");
        return db.WriteAsync(async (c, t) =>
        {
            await using (var run = Command(c, t, "SELECT 1 FROM runs WHERE run_id = $run", ("$run", runId)))
                if (await run.ExecuteScalarAsync(ct) is null) throw RegistryRules.RunNotFound(runId);
            await using (var model = Command(c, t, "INSERT OR IGNORE INTO registered_models (name, creation_timestamp) VALUES ($name, $now)", ("$name", name), ("$now", nowMillis)))
                await model.ExecuteNonQueryAsync(ct);
            await using (var insert = Command(c, t,
                "INSERT INTO model_versions (name, version, run_id, source, current_stage, creation_timestamp, last_updated_timestamp) " +
                "SELECT $name, COALESCE(MAX(version), 0) + 1, $run, $source, $stage, $now, $now FROM model_versions WHERE name = $name",
                ("$name", name), ("$run", runId), ("$source", source), ("$stage", RegistryRules.None), ("$now", nowMillis)))
                await insert.ExecuteNonQueryAsync(ct);
            await using var last = Command(c, t, "SELECT MAX(version) FROM model_versions WHERE name = $name", ("$name", name));
            var version = (long)(await last.ExecuteScalarAsync(ct))!;
            return (await ReadVersionAsync(c, t, name, version, ct))!;
        }, ct);
    }

    public Task<ModelVersionInfo?> GetByAliasAsync(string name, string alias, CancellationToken ct) =>
        db.RunAsync(async c =>
        {
            await using var select = Command(c, null, "SELECT version FROM model_aliases WHERE name = $name AND alias = $alias", ("$name", name), ("$alias", alias));
            return await select.ExecuteScalarAsync(ct) is long version ? await ReadVersionAsync(c, null, name, version, ct) : null;
        }, ct);

    public Task<ModelVersionInfo?> GetLatestInStageAsync(string name, string stage, CancellationToken ct)
    {
        var canonical = RegistryRules.CanonicalStage(stage);
        return db.RunAsync(async c =>
        {
            await using var select = Command(c, null, "SELECT MAX(version) FROM model_versions WHERE name = $name AND current_stage = $stage", ("$name", name), ("$stage", canonical));
            return await select.ExecuteScalarAsync(ct) is long version ? await ReadVersionAsync(c, null, name, version, ct) : null;
        }, ct);
    }

    public Task SetAliasAsync(string name, string alias, string version, CancellationToken ct)
    {
        RegistryRules.ValidateAlias(alias);
        var number = RegistryRules.ParseVersion(version);
        return db.WriteAsync(async (c, t) =>
        {
            await RequireVersionAsync(c, t, name, number, ct);
            await using var upsert = Command(c, t,
                "INSERT INTO model_aliases (name, alias, version) VALUES ($name, $alias, $version) ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version",
                ("$name", name), ("$alias", alias), ("$version", number));
            await upsert.ExecuteNonQueryAsync(ct);
            return true;
        }, ct);
    }

    public Task DeleteAliasAsync(string name, string alias, CancellationToken ct) =>
        db.WriteAsync(async (c, t) =>
        {
            await RequireModelAsync(c, t, name, ct);
            await using var delete = Command(c, t, "DELETE FROM model_aliases WHERE name = $name AND alias = $alias", ("$name", name), ("$alias", alias));
            await delete.ExecuteNonQueryAsync(ct);
            return true;
        }, ct);

    public Task TransitionStageAsync(string name, string version, string stage, bool archiveExistingVersions, long nowMillis, CancellationToken ct)
    {
        var number = RegistryRules.ParseVersion(version);
        var canonical = RegistryRules.CanonicalStage(stage);
        if (archiveExistingVersions && !RegistryRules.IsActive(canonical))
            throw new TrackingException(RegistryRules.InvalidParameterValue,
                $"Model version transition cannot archive existing model versions because '{canonical}' is not an Active stage. Valid stages are Staging, Production");
        return db.WriteAsync(async (c, t) =>
        {
            await RequireVersionAsync(c, t, name, number, ct);
            if (archiveExistingVersions)
            {
                await using var archive = Command(c, t,
                    "UPDATE model_versions SET current_stage = $archived, last_updated_timestamp = $now WHERE name = $name AND current_stage = $stage AND version <> $version",
                    ("$archived", RegistryRules.Archived), ("$now", nowMillis), ("$name", name), ("$stage", canonical), ("$version", number));
                await archive.ExecuteNonQueryAsync(ct);
            }
            await using var update = Command(c, t, "UPDATE model_versions SET current_stage = $stage, last_updated_timestamp = $now WHERE name = $name AND version = $version",
                ("$stage", canonical), ("$now", nowMillis), ("$name", name), ("$version", number));
            await update.ExecuteNonQueryAsync(ct);
            return true;
        }, ct);
    }

    public Task SetVersionTagAsync(string name, string version, string key, string value, CancellationToken ct)
    {
        var number = RegistryRules.ParseVersion(version);
        return db.WriteAsync(async (c, t) =>
        {
            await RequireVersionAsync(c, t, name, number, ct);
            await using var upsert = Command(c, t,
                "INSERT INTO model_version_tags (name, version, key, value) VALUES ($name, $version, $key, $value) ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value",
                ("$name", name), ("$version", number), ("$key", key), ("$value", value));
            await upsert.ExecuteNonQueryAsync(ct);
            return true;
        }, ct);
    }

    private static async Task RequireModelAsync(SqliteConnection c, SqliteTransaction t, string name, CancellationToken ct)
    {
        await using var select = Command(c, t, "SELECT 1 FROM registered_models WHERE name = $name", ("$name", name));
        if (await select.ExecuteScalarAsync(ct) is null) throw RegistryRules.ModelNotFound(name);
    }

    private static async Task RequireVersionAsync(SqliteConnection c, SqliteTransaction t, string name, long version, CancellationToken ct)
    {
        await RequireModelAsync(c, t, name, ct);
        await using var select = Command(c, t, "SELECT 1 FROM model_versions WHERE name = $name AND version = $version", ("$name", name), ("$version", version));
        if (await select.ExecuteScalarAsync(ct) is null) throw RegistryRules.VersionNotFound(name, version);
    }

    private static async Task<ModelVersionInfo?> ReadVersionAsync(SqliteConnection c, SqliteTransaction? t, string name, long version, CancellationToken ct)
    {
        var aliases = new List<string>();
        await using (var select = Command(c, t, "SELECT alias FROM model_aliases WHERE name = $name AND version = $version ORDER BY alias", ("$name", name), ("$version", version)))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) aliases.Add(reader.GetString(0));

        await using var row = Command(c, t, "SELECT run_id, source, current_stage, creation_timestamp FROM model_versions WHERE name = $name AND version = $version",
            ("$name", name), ("$version", version));
        await using var r = await row.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var info = new ModelVersionInfo(name, version.ToString(CultureInfo.InvariantCulture), r.IsDBNull(0) ? null : r.GetString(0),
            r.GetString(1), r.GetString(2), aliases, FromMillis(r.GetInt64(3)));
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var select = Command(c, t, "SELECT key, value FROM model_version_tags WHERE name = $name AND version = $version", ("$name", name), ("$version", version)))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tags[reader.GetString(0)] = reader.GetString(1);
        return info with { Tags = tags };
    }
}
