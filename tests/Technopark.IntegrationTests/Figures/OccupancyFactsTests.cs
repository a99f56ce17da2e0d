using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Domain.Network;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.IntegrationTests.Data;
using Technopark.TestSupport;
using static Technopark.IntegrationTests.Figures.FactsSql;

namespace Technopark.IntegrationTests.Figures;

/// <summary>
/// Occupancy kept by the database (<see cref="OccupancyFacts"/>): after every kind of change made as the app's role to
/// stays, passes, periods out of service, spaces and the waiting list (one row and many rows per statement, COPY, random
/// batches), the blocks equal a rebuild from every row, and the dashboard, the trend and the KPIs read from them equal the
/// live computation on days around every change (the differential test compares both with the C# reference). The app's
/// role cannot write them.
/// </summary>
public class OccupancyFactsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Blocks_AfterEveryKindOfChange_EqualARebuildAndTheLiveFigures()
    {
        var (sites, connection) = await ArrangeAsync();
        await using var _ = connection;
        var (tanger, oujda) = (sites[0], sites[1]);
        var days = new SortedSet<DateOnly> { new(2026, 6, 15), new(1900, 1, 1), new(2001, 3, 1) };
        static DateOnly D(int year, int month, int day) => new(year, month, day);
        void Around(params DateOnly[] changes)
        {
            foreach (var day in changes)
            {
                days.UnionWith([day.AddDays(-91), day.AddDays(-90), day.AddDays(-1), day, day.AddDays(1)]);
            }
        }

        var office = await ScalarAsync(connection, SpaceSql(tanger, "F-O1", "Office", 1));
        var office2 = await ScalarAsync(connection, SpaceSql(tanger, "F-O2", "Office", 1));
        var desk = await ScalarAsync(connection, SpaceSql(tanger, "F-W1", "Coworking", 4));
        await CheckAsync(connection, "new spaces", days);

        var atlas = await ScalarAsync(connection, CompanySql(tanger, "Facts Atlas"));
        var rif = await ScalarAsync(connection, CompanySql(tanger, "Facts Rif"));
        var stay = await ScalarAsync(connection, Stay(tanger, office, atlas, 1, true, "2025-03-10", "2026-07-01"));
        Around(D(2025, 3, 10), D(2026, 7, 1));
        await CheckAsync(connection, "an office stay", days);

        // Coworking over capacity (4 seats): 3 + 2 seats and two passes, the same company twice (one resident).
        var desk1 = await ScalarAsync(connection, Stay(tanger, desk, atlas, 3, false, "2026-01-01", null));
        await ScalarAsync(connection, Stay(tanger, desk, rif, 2, false, "2026-05-01", "2026-09-01"));
        await ExecuteAsync(connection, $"""
            INSERT INTO coworking_passes (site_id, space_id, kind, holder_name, email, price, granted, created_by, created_at, start_on, end_on)
            VALUES ({tanger}, {desk}, 'Month', 'Nomade', 'n@example.org', 150, false, 'facts', now(), '2026-04-20', '2026-05-20'),
                   ({tanger}, {desk}, 'Day', 'Nomade 2', 'n2@example.org', 150, false, 'facts', now(), '2026-06-15', '2026-06-16')
            """);
        Around(D(2026, 1, 1), D(2026, 5, 1), D(2026, 9, 1), D(2026, 4, 20), D(2026, 5, 20), D(2026, 6, 16));
        await CheckAsync(connection, "coworking over capacity with passes", days);

        await ExecuteAsync(connection, $"UPDATE coworking_passes SET cancelled_at = now() WHERE space_id = {desk} AND kind = 'Day'");
        await CheckAsync(connection, "a cancelled pass", days);

        await ExecuteAsync(connection, $"UPDATE assignments SET end_on = '2026-03-01' WHERE id = {stay}");
        await ExecuteAsync(connection, $"UPDATE assignments SET space_id = {office2} WHERE id = {stay}");
        await ExecuteAsync(connection, $"UPDATE assignments SET end_on = '2026-10-01' WHERE id = {desk1}");
        Around(D(2026, 3, 1), D(2026, 10, 1));
        await CheckAsync(connection, "stays ended, moved, given an end", days);

        await ExecuteAsync(connection, $"INSERT INTO space_outages (space_id, start_on, end_on) VALUES ({office2}, '2025-01-01', '2025-06-01'), ({desk}, '2026-08-01', NULL)");
        Around(D(2025, 1, 1), D(2025, 6, 1), D(2026, 8, 1));
        await CheckAsync(connection, "periods out of service", days);

        await ExecuteAsync(connection, $"UPDATE space_outages SET end_on = '2026-08-20' WHERE space_id = {desk}");
        await ExecuteAsync(connection, $"UPDATE spaces SET seats = 2 WHERE id = {desk}");
        await ExecuteAsync(connection, $"UPDATE spaces SET kind = 'Coworking', seats = 6 WHERE id = {office}");
        await ExecuteAsync(connection, $"UPDATE spaces SET site_id = {oujda} WHERE id = {office2}");
        Around(D(2026, 8, 20));
        await CheckAsync(connection, "spaces resized, changed kind, moved to another site", days);

        await ExecuteAsync(connection, $"""
            INSERT INTO waiting_list (site_id, company_id, wanted_kind, wanted_seats, since, priority, removed_on)
            VALUES ({tanger}, {rif}, 'Office', 1, '2026-02-01', 3, NULL), ({oujda}, {atlas}, 'Office', 1, '2026-02-10', 3, '2026-04-01')
            """);
        await ExecuteAsync(connection, $"UPDATE waiting_list SET removed_on = '2026-06-01' WHERE company_id = {rif}");
        Around(D(2026, 2, 1), D(2026, 2, 10), D(2026, 4, 1), D(2026, 6, 1));
        await CheckAsync(connection, "the waiting list", days);

        await ExecuteAsync(connection, $"DELETE FROM assignments WHERE id = {desk1}");
        await ExecuteAsync(connection, $"DELETE FROM space_outages WHERE space_id = {office2}");
        await ExecuteAsync(connection, $"DELETE FROM waiting_list WHERE company_id = {atlas}");
        await CheckAsync(connection, "deletions", days);

        // Random batches: many rows per statement (one INSERT of 300 stays over 25 years, then one UPDATE of a third of them).
        var random = new Random(1803);
        var spaces = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var kind = i % 3 == 0 ? "Coworking" : "Office";
            spaces.Add(await ScalarAsync(connection, SpaceSql(sites[i % 2], $"F-R{i}", kind, kind == "Office" ? 1 : 5)));
        }

        var values = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var space = spaces[random.Next(spaces.Count)];
            var start = new DateOnly(2001, 1, 1).AddDays(random.Next(25 * 365));
            var end = random.Next(8) == 0 ? null : (DateOnly?)start.AddDays(1 + random.Next(700));
            values.Add($"((SELECT site_id FROM spaces WHERE id = {space}), {space}, {(random.Next(2) == 0 ? atlas : rif)}, {1 + random.Next(3)}, false, '{start:yyyy-MM-dd}', {(end is { } e ? $"'{e:yyyy-MM-dd}'" : "NULL")}, 1000)");
            if (i % 15 == 0)
            {
                Around(start);
            }
        }

        await ExecuteAsync(connection, $"INSERT INTO assignments (site_id, space_id, company_id, seats, is_exclusive, start_on, end_on, monthly_rent) VALUES {string.Join(", ", values)}");
        await CheckAsync(connection, "300 random stays in one statement", days);

        await ExecuteAsync(connection, $"UPDATE assignments SET start_on = start_on - 20, end_on = end_on + {random.Next(1, 60)}, seats = 1 + (id % 3) WHERE id % 3 = 0 AND space_id IN ({string.Join(", ", spaces)})");
        await ExecuteAsync(connection, $"UPDATE spaces SET seats = seats + 1 WHERE id IN ({string.Join(", ", spaces)})");
        await ExecuteAsync(connection, $"INSERT INTO space_outages (space_id, start_on, end_on) SELECT id, date '2010-01-01' + id % 400, date '2012-01-01' + id % 900 FROM spaces WHERE id IN ({string.Join(", ", spaces)})");
        await CheckAsync(connection, "random updates of many rows per statement", days);

        await ExecuteAsync(connection, $"DELETE FROM assignments WHERE id % 2 = 0 AND space_id IN ({string.Join(", ", spaces)})");
        await CheckAsync(connection, "random deletions of many rows per statement", days);

        // After a bulk load the blocks are rebuilt in parts over two connections (units split by site or company): the same blocks.
        await BlockFacts.Occupancy.RebuildInPartsAsync(app.Database.OwnerConnectionString, parts: 3, connections: 2);
        await CheckAsync(connection, "a rebuild in three parts", days);

        // The data generator computes them in memory from the rows instead (tools/Technopark.DataGenerator, OccupancyBlocks):
        // the same blocks, from every kind of row above (passes, seats over capacity, periods out of service, the waiting list).
        var (exitCode, _, error) = await DataGenerator.RunAsync(app.Database.OwnerConnectionString, "occupancy");
        Assert.True(exitCode == 0, $"The generator failed ({exitCode}): {error}");
        await CheckAsync(connection, "the data generator's rebuild in memory", days);
    }

    /// <summary>
    /// Many statements in one transaction (importing spaces writes one INSERT per space) are folded into the blocks once, when it
    /// commits; a rollback leaves nothing behind; two transactions at once each fold their own; a rebuild between two statements
    /// of a transaction does not count the first one twice.
    /// </summary>
    [Fact]
    public async Task Blocks_ManyStatementsPerTransaction_FoldedOnceAtCommit()
    {
        var (sites, connection) = await ArrangeAsync();
        await using var _ = connection;
        var site = sites[0];
        var days = new SortedSet<DateOnly> { new(1900, 1, 1), new(2026, 6, 15), new(2027, 1, 1), new(2027, 3, 1), new(2027, 9, 1), new(2028, 12, 31) };
        string Space(string code, string kind = "Office") => SpaceSql(site, code, kind, kind == "Office" ? 1 : 4);

        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await ScalarAsync(connection, Space("T-X1"));
            await ScalarAsync(connection, CompanySql(site, "Fold Rollback"));
            await rolledBack.RollbackAsync();
        }

        await CheckAsync(connection, "a rolled back transaction", days);
        await AssertNothingStagedAsync(connection, "a rolled back transaction");

        var company = await ScalarAsync(connection, CompanySql(site, "Fold Import"));
        var random = new Random(1205);
        await using (var import = await connection.BeginTransactionAsync())
        {
            var spaces = new List<int>();
            for (var i = 0; i < 60; i++)
            {
                spaces.Add(await ScalarAsync(connection, Space($"T-I{i}", i % 4 == 0 ? "Coworking" : "Office")));
            }

            foreach (var space in spaces.Where((_, i) => i % 2 == 0))
            {
                var start = new DateOnly(2027, 1, 1).AddDays(random.Next(400));
                days.UnionWith([start, start.AddDays(-90)]);
                await ScalarAsync(connection, Stay(site, space, company, 1, false, $"{start:yyyy-MM-dd}", random.Next(3) == 0 ? null : $"{start.AddDays(30 + random.Next(200)):yyyy-MM-dd}"));
            }

            await ExecuteAsync(connection, $"UPDATE spaces SET seats = 6 WHERE id = {spaces[0]}");
            await ExecuteAsync(connection, $"DELETE FROM spaces WHERE id = {spaces[^1]}");
            await import.CommitAsync();
        }

        await CheckAsync(connection, "60 spaces and 30 stays, one statement each, in one transaction", days);
        await AssertNothingStagedAsync(connection, "one transaction of many statements");

        await using (var other = await OpenAsAppAsync(app))
        {
            await using var first = await connection.BeginTransactionAsync();
            await using var second = await other.BeginTransactionAsync();
            await ScalarAsync(connection, Space("T-A1"));
            await ScalarAsync(other, Space("T-B1", "Coworking"));
            await ScalarAsync(connection, Space("T-A2", "Coworking"));
            await first.CommitAsync();
            await ScalarAsync(other, Space("T-B2"));
            await second.CommitAsync();
        }

        await CheckAsync(connection, "two transactions at once", days);
        await AssertNothingStagedAsync(connection, "two transactions at once");

        await using (var owner = new NpgsqlConnection(app.Database.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var rebuilt = await owner.BeginTransactionAsync();
            await ScalarAsync(owner, Space("T-R1"));
            await ExecuteAsync(owner, OccupancyFacts.RebuildSql);
            await ScalarAsync(owner, Space("T-R2", "Coworking"));
            await rebuilt.CommitAsync();
        }

        await CheckAsync(connection, "a rebuild between two statements of a transaction", days);
        await AssertNothingStagedAsync(connection, "a rebuild within a transaction");
    }

    /// <summary>
    /// Transactions committing at once on the same site fold into the same blocks: each fold takes its blocks in the key's order,
    /// so they wait for each other and none is chosen as a deadlock's victim; the blocks equal a rebuild after all of them.
    /// </summary>
    [Fact]
    public async Task Blocks_ManyTransactionsAtOnce_FoldWithoutDeadlockIntoTheSameBlocks()
    {
        var (sites, connection) = await ArrangeAsync();
        await using var _ = connection;
        var site = sites[1];
        await AtOnceAsync(app, async (own, worker, round) =>
        {
            for (var i = 0; i < 3; i++)
            {
                var kind = (worker + i) % 2 == 0 ? "Office" : "Coworking";
                var space = await ScalarAsync(own, SpaceSql(site, $"T-C{worker}-{round}-{i}", kind, 2));
                await ScalarAsync(own, $"INSERT INTO space_outages (space_id, start_on, end_on) VALUES ({space}, '{2020 + round}-0{1 + i}-01', NULL) RETURNING space_id");
            }
        });

        await CheckAsync(connection, "40 transactions of 4 connections at once", [new(1900, 1, 1), new(2019, 12, 31), new(2024, 2, 1), new(2030, 1, 1)]);
        await AssertNothingStagedAsync(connection, "transactions at once");

        // Stays change the occupancy and the KPI blocks: a transaction that changes a company first folds the KPIs first, one that
        // adds a space first folds the occupancy first. Folding waits for the folds of other transactions, whatever their kinds.
        var company = await ScalarAsync(connection, CompanySql(site, "Fold Both"));
        await AtOnceAsync(app, async (own, worker, round) =>
        {
            if (worker % 2 == 0)
            {
                await ExecuteAsync(own, $"UPDATE companies SET sector = 'Digital' WHERE id = {company}");
            }

            var space = await ScalarAsync(own, SpaceSql(site, $"T-K{worker}-{round}", "Office", 1));
            await ScalarAsync(own, Stay(site, space, company, 1, true, $"{2010 + round}-0{1 + worker}-01", null));
        });

        await CheckAsync(connection, "stays of 4 connections at once, folded in both orders", [new(1900, 1, 1), new(2012, 3, 1), new(2030, 1, 1)]);
        await FactsSql.AssertEqualsRebuildAsync(connection, BlockFacts.Kpis, "stays of 4 connections at once, folded in both orders");
        await AssertNothingStagedAsync(connection, "transactions of both orders at once");

        // As the app assigns: each transaction one stay of the same company, in spaces of its own (each locked by its own
        // transaction). Before the triggers locked the company, every run ended with blocks that differed from a rebuild.
        var other = await ScalarAsync(connection, CompanySql(site, "Fold Stays"));
        var free = new List<int>();
        for (var i = 0; i < Workers * Rounds; i++)
        {
            free.Add(await ScalarAsync(connection, SpaceSql(site, $"T-S{i}", "Office", 1)));
        }

        await AtOnceAsync(app, (own, worker, round) =>
            ScalarAsync(own, Stay(site, free[(worker * Rounds) + round], other, 1, true, $"{2010 + round}-0{1 + worker}-01", null)));

        await CheckAsync(connection, "one company's stays added by 4 connections at once", [new(1900, 1, 1), new(2010, 1, 31), new(2010, 2, 1), new(2030, 1, 1)]);
        await FactsSql.AssertEqualsRebuildAsync(connection, BlockFacts.Kpis, "one company's stays added by 4 connections at once");
    }

    [Theory]
    [InlineData("INSERT INTO occupancy_blocks VALUES (0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)")]
    [InlineData("INSERT INTO occupancy_changes VALUES (1, 1, 1, 1, 1, 1, 1, 1, 1, 1)")]
    [InlineData("INSERT INTO occupancy_folds VALUES (1)")]
    [InlineData("UPDATE occupancy_blocks SET offices_total = offices_total + 1")]
    [InlineData("DELETE FROM occupancy_blocks")]
    [InlineData("TRUNCATE occupancy_blocks")]
    [InlineData("SELECT occupancy_facts_rebuild()")]
    public Task Blocks_TheAppRole_CannotWriteThem(string sql)
        => FactsSql.AssertAppRoleRefusedAsync(app, sql);

    private async Task<(List<int> Sites, NpgsqlConnection Connection)> ArrangeAsync()
    {
        var connection = await FactsSql.OpenAsAppAsync(app);
        var sites = new List<int>();
        await using (var command = new NpgsqlCommand("SELECT id FROM sites ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                sites.Add(reader.GetInt32(0));
            }
        }

        return (sites, connection);
    }

    private static string Stay(int site, int space, int company, int seats, bool exclusive, string start, string? end) => $"""
        INSERT INTO assignments (site_id, space_id, company_id, seats, is_exclusive, start_on, end_on, monthly_rent)
        VALUES ({site}, {space}, {company}, {seats}, {exclusive}, '{start}', {(end is null ? "NULL" : $"'{end}'")}, 1000) RETURNING id
        """;

    /// <summary>
    /// The blocks equal a rebuild (rows of zeros aside: changes that cancel out within a block), and the figures read from them
    /// equal the live ones on every day, for the network and for each site alone. Read as the app reads them, prepared on the
    /// connection (<see cref="PreparedStatements"/>), with the plan PostgreSQL makes for any day (the generic plan, forced here
    /// from the first run).
    /// </summary>
    private async Task CheckAsync(NpgsqlConnection connection, string change, IEnumerable<DateOnly> days)
    {
        await FactsSql.AssertEqualsRebuildAsync(connection, BlockFacts.Occupancy, change);

        await using var db = app.Database.CreateContext(new PreparedStatements());
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET plan_cache_mode = force_generic_plan");
        var queries = new NetworkQueries(db);
        foreach (var (day, i) in days.Select((d, i) => (d, i)))
        {
            var kept = await queries.SitesOnAsync(day, CancellationToken.None);
            var live = await queries.SitesOnLiveAsync(day, CancellationToken.None);
            Assert.True(kept.SequenceEqual(live), $"after {change}, on {day:yyyy-MM-dd}: {string.Join(" | ", kept.Except(live))} instead of {string.Join(" | ", live.Except(kept))}");
            if (i % 7 == 0)
            {
                foreach (var site in live)
                {
                    Assert.Equal(site, (await queries.SitesOnAsync(day, CancellationToken.None, site.SiteId)).Single());
                }

                // Read together in one round trip (/hq, the trend): the same rows as read apart.
                var (sites, pipeline) = await queries.SitesAndPipelineAsync(day, CancellationToken.None);
                Assert.Equal(live, sites);
                Assert.Equal(await queries.PipelineLiveAsync(day, CancellationToken.None), pipeline);
                var (trendSites, trend) = await queries.SitesAndTrendAsync(day, CancellationToken.None);
                Assert.Equal(live, trendSites);
                Assert.Equal(await queries.TrendLiveAsync(day, CancellationToken.None), trend);
            }
        }

        foreach (var day in days.Where((_, i) => i % 7 == 0))
        {
            Assert.Equal(await queries.TrendLiveAsync(day, CancellationToken.None), await queries.TrendAsync(day, CancellationToken.None));
            Assert.Equal(await queries.KpisLiveAsync(day, FiguresMode.Validated, CancellationToken.None), await queries.KpisAsync(day, FiguresMode.Validated, CancellationToken.None));
        }
    }
}
