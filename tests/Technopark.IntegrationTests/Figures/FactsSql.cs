using Npgsql;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Figures;

/// <summary>What the tests of figures kept by the database share: raw SQL as the app's role, the comparison with a rebuild, the refusals.</summary>
internal static class FactsSql
{
    public static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An INSERT of an active space of <paramref name="site"/> (first floor, 20 m², 1,000 MAD a month) that returns its id.</summary>
    public static string SpaceSql(int site, string code, string kind, int seats) =>
        $"INSERT INTO spaces (site_id, code, kind, floor, seats, is_active, area_square_meters, monthly_rate) VALUES ({site}, '{code}', '{kind}', 1, {seats}, true, 20, 1000) RETURNING id";

    /// <summary>An INSERT of a startup of <paramref name="site"/> that has not left, returning its id.</summary>
    public static string CompanySql(int site, string name) =>
        $"INSERT INTO companies (site_id, legal_name, form, sector) VALUES ({site}, '{name}', 'Startup', 'Digital') RETURNING id";

    /// <summary>An INSERT of a payment by transfer of <paramref name="company"/> at <paramref name="site"/>, received on <paramref name="day"/>.</summary>
    public static string PaymentSql(int site, int company, string day, decimal amount) => $"""
        INSERT INTO payments (site_id, company_id, received_on, method, reference, amount, recorded_at, recorded_by)
        VALUES ({site}, {company}, '{day}', 'Transfer', 'FACTS', {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}, now(), 'facts')
        """;

    /// <summary>
    /// <see cref="Workers"/> connections as the app's role at once, each running <see cref="Rounds"/> transactions in turn, each
    /// transaction what <paramref name="write"/> does on that connection for that worker and round, then committed.
    /// </summary>
    public static Task AtOnceAsync(AppFixture app, Func<NpgsqlConnection, int, int, Task> write) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            await using var own = await OpenAsAppAsync(app);
            for (var round = 0; round < Rounds; round++)
            {
                await using var transaction = await own.BeginTransactionAsync();
                await write(own, worker, round);
                await transaction.CommitAsync();
            }
        }));

    /// <summary>Connections of <see cref="AtOnceAsync"/>.</summary>
    public const int Workers = 4;

    /// <summary>Transactions of each connection of <see cref="AtOnceAsync"/>.</summary>
    public const int Rounds = 10;

    /// <summary>The table equals its live view (the rebuild), rows whose figures are all zero aside (changes that cancel out within a block).</summary>
    public static async Task AssertEqualsRebuildAsync(NpgsqlConnection connection, BlockFacts facts, string change)
    {
        var notZero = $"WHERE ({facts.Measures}) <> ({string.Join(", ", facts.Measures.Split(", ").Select(_ => "0"))})";
        var kept = $"SELECT * FROM {facts.Table} {notZero}";
        var live = $"SELECT * FROM {facts.LiveView} {notZero}";
        Assert.True(await ScalarAsync(connection, $"SELECT count(*)::int FROM (({kept} EXCEPT {live}) UNION ALL ({live} EXCEPT {kept})) d") == 0,
            $"after {change}: {facts.Table} differs from a rebuild");
    }

    /// <summary>No staged changes nor transactions to fold are left (outside a transaction, every kind of block).</summary>
    public static async Task AssertNothingStagedAsync(NpgsqlConnection connection, string change)
    {
        foreach (var facts in BlockFacts.All)
        {
            Assert.True(await ScalarAsync(connection, $"SELECT ((SELECT count(*) FROM {facts.StagedTable}) + (SELECT count(*) FROM {facts.FoldsTable}))::int") == 0,
                $"after {change}: {facts.StagedTable} or {facts.FoldsTable} not empty");
        }
    }

    /// <summary>A connection as the app's role, open.</summary>
    public static async Task<NpgsqlConnection> OpenAsAppAsync(AppFixture app)
    {
        var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The app's role is refused <paramref name="sql"/> for lack of privilege.</summary>
    public static async Task AssertAppRoleRefusedAsync(AppFixture app, string sql)
    {
        await using var connection = await OpenAsAppAsync(app);
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }
}
