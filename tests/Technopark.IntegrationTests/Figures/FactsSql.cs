using Npgsql;
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

    /// <summary>The table equals its live view (the rebuild), rows whose figures are all zero aside (changes that cancel out within a block).</summary>
    public static async Task AssertEqualsRebuildAsync(NpgsqlConnection connection, string table, string liveView, string measures, string change)
    {
        var notZero = $"WHERE ({measures}) <> ({string.Join(", ", measures.Split(", ").Select(_ => "0"))})";
        var kept = $"SELECT * FROM {table} {notZero}";
        var live = $"SELECT * FROM {liveView} {notZero}";
        Assert.True(await ScalarAsync(connection, $"SELECT count(*)::int FROM (({kept} EXCEPT {live}) UNION ALL ({live} EXCEPT {kept})) d") == 0,
            $"after {change}: {table} differs from a rebuild");
    }

    /// <summary>The app's role is refused <paramref name="sql"/> for lack of privilege.</summary>
    public static async Task AssertAppRoleRefusedAsync(AppFixture app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }
}
