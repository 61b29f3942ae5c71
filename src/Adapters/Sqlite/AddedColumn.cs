using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Sentinel.Adapters.Sqlite;

/// <summary>
/// A column added to a table after the table's first release: <see cref="EmbeddedDatabase"/> adds it to a file created
/// by an older Sentinel on the first open, and leaves a file that has it alone. New files get it from their
/// <c>CREATE TABLE</c> already.
/// </summary>
/// <param name="Table">The table, e.g. <c>predictions</c>.</param>
/// <param name="Name">The column, e.g. <c>source</c>.</param>
/// <param name="Definition">Its type and constraints as <c>ALTER TABLE … ADD COLUMN</c> takes them, e.g. <c>TEXT NULL</c>.</param>
public sealed partial record AddedColumn(string Table, string Name, string Definition)
{
    /// <summary>
    /// Adds the column when the table lacks it. Checking and adding run in one <c>BEGIN IMMEDIATE</c> transaction, so two
    /// processes opening the same old file cannot both add it.
    /// </summary>
    internal async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (!Identifier().IsMatch(Table) || !Identifier().IsMatch(Name))
            throw new InvalidOperationException($"'{Table}.{Name}' is not a plain SQLite identifier");
        // Microsoft.Data.Sqlite begins a serializable, non-deferred transaction with BEGIN IMMEDIATE: it holds the write lock.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", Table);
        command.Parameters.AddWithValue("$column", Name);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            command.Parameters.Clear();
            command.CommandText = $"ALTER TABLE {Table} ADD COLUMN {Name} {Definition}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
