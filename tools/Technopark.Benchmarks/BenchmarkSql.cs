using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Technopark.Infrastructure;

namespace Technopark.Benchmarks;

/// <summary>
/// Plain Npgsql helpers of the data fillers and of the raw-SQL floor: a statement run bare, without the app,
/// so that the app's own cost shows beside it.
/// </summary>
internal static class BenchmarkSql
{
    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(read(reader));
        }

        return list;
    }

    public static Task<int> SiteIdAsync(NpgsqlConnection connection, string slug, CancellationToken cancellationToken) =>
        ScalarAsync<int>(connection, $"SELECT id FROM sites WHERE slug = '{slug}'", cancellationToken);

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds resident companies of a site (binary COPY), one per legal name, of varied forms and sectors.</summary>
    public static async Task CopyCompaniesAsync(NpgsqlConnection connection, int siteId, IEnumerable<string> legalNames, CancellationToken cancellationToken)
    {
        string[] forms = ["Startup", "Tpe", "Pme", "AutoEntrepreneur", "ProjectHolder"];
        string[] sectors = ["digital", "it", "green-tech", "creative-industries", "services"];
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY companies (site_id, legal_name, form, sector) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var i = 1;
        foreach (var legalName in legalNames)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(siteId, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(legalName, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(forms[i % forms.Length], NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(sectors[i % sectors.Length], NpgsqlDbType.Varchar, cancellationToken);
            i++;
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> <paramref name="warmUp"/> times untimed, then <paramref name="count"/> times timed
    /// (reading every row), each time with the parameters <paramref name="bind"/> sets for that round; returns the
    /// sorted timings and the rows of the last round.
    /// </summary>
    public static async Task<(double[] Timings, int Rows)> TimeAsync(string connectionString, string sql, int warmUp, int count,
        Action<NpgsqlCommand, int> bind, CancellationToken cancellationToken)
    {
        await using var dataSource = FloorSource(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var timings = new double[count];
        var rows = 0;
        for (var i = -warmUp; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var command = new NpgsqlCommand(sql, connection);
            bind(command, i + warmUp);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
            }

            if (i >= 0)
            {
                timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        Array.Sort(timings);
        return (timings, rows);
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of <paramref name="sql"/> with the parameters <paramref name="bind"/> sets.</summary>
    public static async Task<string> ExplainAsync(string connectionString, string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var dataSource = FloorSource(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// The bare statements' connections, with the app's session (<see cref="DependencyInjection.DataSource"/>: PostgreSQL's JIT off):
    /// with it on, a statement the planner costs high (the network's aging) paid about 180 ms of compiling the app never pays.
    /// </summary>
    private static NpgsqlDataSource FloorSource(string connectionString) => DependencyInjection.DataSource(connectionString, "technopark-bench-floor");
}
