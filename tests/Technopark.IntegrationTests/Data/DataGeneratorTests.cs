using Npgsql;
using Technopark.Infrastructure.Data.Queries;
using Technopark.IntegrationTests.Figures;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Data;

/// <summary>The 100× data generator (tools/Technopark.DataGenerator), run as scripts/benchmark-hq.sh runs it.</summary>
public class DataGeneratorTests
{
    [Fact]
    public async Task Generate_CopySlowerThanTheCommandTimeout_StillCompletesWithTheBlocksOfTheRows()
    {
        await using var database = await TestDatabase.CreateAsync();
        // A busy machine, in miniature: PostgreSQL takes 3 s to finish the COPY of the assignments, and the connection string asks
        // for a 1 s command timeout. Before the fix, NpgsqlBinaryImporter.Complete gave up: "Timeout during reading attempt".
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE FUNCTION slow_copy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$;
                CREATE TRIGGER slow_copy AFTER INSERT ON assignments FOR EACH STATEMENT EXECUTE FUNCTION slow_copy();
                ALTER TABLE assignments ENABLE ALWAYS TRIGGER slow_copy; -- fires even while the generator loads with triggers off (replica mode)
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        await GenerateAsync(new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 1 }.ConnectionString, "The generator");

        // The blocks it made after loading with the triggers off (the occupancy ones computed in memory, the KPI ones in parts)
        // are those the triggers and a rebuild would keep.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            Assert.True(await FactsSql.ScalarAsync(connection, $"SELECT count(*)::int FROM {OccupancyFacts.Table}") > 0);
            await FactsSql.AssertEqualsRebuildAsync(connection, BlockFacts.Occupancy, "the generator");
            await FactsSql.AssertEqualsRebuildAsync(connection, BlockFacts.Kpis, "the generator");
        }

        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task Generate_AgainOnTheSameDatabase_ReplacesTheDataAndItsAdmin()
    {
        await using var database = await TestDatabase.CreateAsync();
        // benchmark-hq.sh without SKIP_GENERATE over the database of an earlier run: the admin it signs in with is there already,
        // and the load's session has triggers (so cascades) off. The second run failed on the admin's role before the fix.
        for (var run = 1; run <= 2; run++)
        {
            await GenerateAsync(database.ConnectionString, $"Run {run} of the generator");
        }

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            Assert.Equal(1, await FactsSql.ScalarAsync(connection, """SELECT count(*)::int FROM "AspNetUserRoles" WHERE user_id = 'bench-hq'"""));
        }

        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Generates at 0.001 of the 100× network and asserts that it ran to its end.</summary>
    private static async Task GenerateAsync(string connectionString, string what)
    {
        var (exitCode, output, error) = await DataGenerator.RunAsync(connectionString, "generate", "0.001");
        Assert.True(exitCode == 0, $"{what} failed ({exitCode}): {error}");
        Assert.Contains("\nGenerated ", "\n" + output, StringComparison.Ordinal); // after the time of each step
    }
}
