using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sentinel.Adapters.Feedback.Sqlite;

/// <summary>Schema upgrades of the embedded files: columns that later versions of a table gained.</summary>
public static class SqliteColumns
{
    /// <summary>
    /// Adds <paramref name="column"/> to <paramref name="table"/> when the file lacks it (SQLite has no
    /// <c>ADD COLUMN IF NOT EXISTS</c>). The check and the change run in one write transaction (<c>BEGIN IMMEDIATE</c>),
    /// so two processes upgrading the same file at once add the column once. True when it was added.
    /// </summary>
    /// <param name="definition">The column's type and constraints, e.g. <c>TEXT NULL</c> (a nullable column, or one with a default).</param>
    public static async Task<bool> AddIfMissingAsync(SqliteConnection connection, string table, string column, string definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        ArgumentException.ThrowIfNullOrWhiteSpace(definition);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
        check.Parameters.AddWithValue("$table", table);
        check.Parameters.AddWithValue("$column", column);
        var present = Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
        if (!present)
        {
            await using var alter = connection.CreateCommand();
            alter.Transaction = transaction;
            alter.CommandText = $"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {definition}";
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return !present;
    }
}
