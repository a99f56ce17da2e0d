using System.Collections.Concurrent;
using Npgsql;

namespace Technopark.Infrastructure.Data;

/// <summary>Bulk maintenance (a rebuild in parts, index builds after a load): statements shared out over several connections.</summary>
public static class ParallelStatements
{
    /// <summary>
    /// Runs <paramref name="statements"/> on <paramref name="connections"/> connections at once, each taking the next one in
    /// order when it is free, without a command timeout.
    /// </summary>
    public static async Task RunAsync(string connectionString, IEnumerable<string> statements, int connections, CancellationToken cancellationToken = default)
    {
        var queue = new ConcurrentQueue<string>(statements);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            while (queue.TryDequeue(out var statement))
            {
                await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }));
    }
}
