using Npgsql;
using Technopark.Domain.Network;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;
using static Technopark.IntegrationTests.Figures.FactsSql;

namespace Technopark.IntegrationTests.Figures;

/// <summary>
/// The reported KPI figures kept by the database (<see cref="KpiFacts"/>): after every kind of change made as the app's role
/// to companies (exits, a 29 February one included), stays (the first one moves the population's start) and declarations
/// (yearly and quarterly, declared then validated, corrected, deleted; one row and many rows per statement), the blocks
/// equal a rebuild, and the KPIs read from them equal the live computation in both modes on the days around every change
/// (an exit's day, 5 years later and the day after, each period's end). The app's role cannot write them.
/// </summary>
public class KpiFactsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Blocks_AfterEveryKindOfChange_EqualARebuildAndTheLiveKpis()
    {
        await using var connection = await OpenAsAppAsync(app);
        var site = await ScalarAsync(connection, "SELECT min(id) FROM sites");
        var office = await ScalarAsync(connection, SpaceSql(site, "K-O1", "Office", 1));
        var days = new SortedSet<DateOnly> { new(2026, 6, 15), new(2024, 2, 29), new(1900, 1, 1) };
        void Around(DateOnly day)
        {
            foreach (var d in new[] { day, day.AddYears(ReportedFigures.SurvivalYears), day.AddYears(ReportedFigures.AlumniYears) })
            {
                days.UnionWith([d.AddDays(-1), d, d.AddDays(1)]);
            }
        }

        var leap = await ScalarAsync(connection, $"INSERT INTO companies (site_id, legal_name, form, sector, exit_reason, exited_on) VALUES ({site}, 'Kpi Leap', 'Startup', 'Digital', 'Graduated', '2020-02-29') RETURNING id");
        var closed = await ScalarAsync(connection, $"INSERT INTO companies (site_id, legal_name, form, sector, exit_reason, exited_on) VALUES ({site}, 'Kpi Closed', 'Startup', 'Digital', 'Closed', '2019-06-30') RETURNING id");
        var resident = await ScalarAsync(connection, CompanySql(site, "Kpi Resident"));
        Around(new(2020, 2, 29));
        Around(new(2019, 6, 30));
        await CheckAsync(connection, "companies", days);

        await ExecuteAsync(connection, $"""
            INSERT INTO assignments (site_id, space_id, company_id, seats, is_exclusive, start_on, end_on, monthly_rent)
            VALUES ({site}, {office}, {leap}, 1, true, '2016-03-01', '2018-03-01', 1000), ({site}, {office}, {closed}, 1, true, '2018-03-01', '2019-06-30', 1000),
                   ({site}, {office}, {resident}, 1, true, '2019-07-01', NULL, 1000)
            """);
        Around(new(2016, 3, 1));
        Around(new(2019, 7, 1));
        await CheckAsync(connection, "stays", days);

        await ExecuteAsync(connection, $"""
            INSERT INTO declarations (company_id, year, quarter, status, declared_by, declared_at, headcount, revenue, funds_grant, funds_loan, funds_equity, funds_prize, still_active,
                declared_headcount, declared_revenue, declared_funds_grant, declared_funds_loan, declared_funds_equity, declared_funds_prize, declared_still_active)
            SELECT v.company, v.year, v.quarter, 'Declared', 'kpi', now(), v.headcount, v.revenue, 1000, 0, 0, 0, v.active, v.headcount, v.revenue, 1000, 0, 0, 0, v.active
            FROM (VALUES ({leap}, 2024, NULL::int, 12.5, 500000, true), ({leap}, 2024, 4, 13.0, 0, true), ({leap}, 2025, 1, 14.0, 0, true),
                         ({closed}, 2018, NULL, 3.0, 10000, true), ({resident}, 2025, NULL, 7.0, 80000, true), ({resident}, 2026, 1, 8.0, 0, false)) v(company, year, quarter, headcount, revenue, active)
            """);
        foreach (var end in new DateOnly[] { new(2025, 1, 1), new(2025, 4, 1), new(2019, 1, 1), new(2026, 1, 1), new(2026, 4, 1) })
        {
            days.UnionWith([end.AddDays(-1), end, end.AddDays(1)]);
        }

        await CheckAsync(connection, "declared declarations", days);

        await ExecuteAsync(connection, $"UPDATE declarations SET status = 'Validated', validated_by = 'kpi', validated_at = now() WHERE company_id IN ({leap}, {resident}) AND quarter IS DISTINCT FROM 1");
        await CheckAsync(connection, "validations", days);

        await ExecuteAsync(connection, $"UPDATE declarations SET headcount = 20, revenue = 650000, still_active = false WHERE company_id = {leap} AND quarter IS NULL");
        await ExecuteAsync(connection, $"UPDATE companies SET exit_reason = 'Closed', exited_on = '2021-02-28' WHERE id = {leap}");
        Around(new(2021, 2, 28));
        await CheckAsync(connection, "a correction and an exit changed", days);

        await ExecuteAsync(connection, $"DELETE FROM assignments WHERE company_id = {leap}");
        await ExecuteAsync(connection, $"DELETE FROM declarations WHERE company_id = {resident} AND quarter = 1");
        await CheckAsync(connection, "deletions", days);

        // Random batches: 60 companies, their stays and declarations, each table in one statement, then updates of many rows.
        var random = new Random(1804);
        var companies = new List<int>();
        string[] reasons = ["Graduated", "Closed", "Relocated"];
        for (var i = 0; i < 60; i++)
        {
            var exited = random.Next(3) == 0 ? null : (DateOnly?)new DateOnly(2008, 1, 1).AddDays(random.Next(18 * 365));
            companies.Add(await ScalarAsync(connection, $"INSERT INTO companies (site_id, legal_name, form, sector, exit_reason, exited_on) VALUES ({site}, 'Kpi R{i}', 'Startup', 'Digital', {(exited is { } e ? $"'{reasons[random.Next(3)]}', '{e:yyyy-MM-dd}'" : "NULL, NULL")}) RETURNING id"));
            if (exited is { } x && i % 6 == 0)
            {
                Around(x);
            }
        }

        var stays = companies.Where(_ => random.Next(4) != 0).Select(c =>
        {
            var start = new DateOnly(2005, 1, 1).AddDays(random.Next(20 * 365));
            return $"({site}, {office}, {c}, 1, false, '{start:yyyy-MM-dd}', '{start.AddDays(1 + random.Next(900)):yyyy-MM-dd}', 1000)";
        });
        await ExecuteAsync(connection, $"INSERT INTO assignments (site_id, space_id, company_id, seats, is_exclusive, start_on, end_on, monthly_rent) VALUES {string.Join(", ", stays)}");
        var declarations = companies.SelectMany(c => Enumerable.Range(2010 + random.Next(10), 1 + random.Next(6)).Select(year =>
        {
            int? quarter = random.Next(3) == 0 ? 1 + random.Next(4) : null;
            var status = random.Next(3) == 0 ? "Declared" : "Validated";
            return $"({c}, {year}, {(quarter is { } q ? q : "NULL")}, '{status}', 'kpi', now(), {random.Next(40)}.5, {random.Next(900_000)}, {random.Next(50_000)}, 0, 0, 0, {random.Next(6) != 0}, 1, 1, 0, 0, 0, 0, true)";
        }));
        await ExecuteAsync(connection, $"""
            INSERT INTO declarations (company_id, year, quarter, status, declared_by, declared_at, headcount, revenue, funds_grant, funds_loan, funds_equity, funds_prize, still_active,
                declared_headcount, declared_revenue, declared_funds_grant, declared_funds_loan, declared_funds_equity, declared_funds_prize, declared_still_active)
            VALUES {string.Join(", ", declarations)}
            ON CONFLICT DO NOTHING
            """);
        await CheckAsync(connection, "random companies, stays and declarations", days);

        var ids = string.Join(", ", companies);
        await ExecuteAsync(connection, $"UPDATE declarations SET status = 'Validated', validated_by = 'kpi', validated_at = now(), headcount = headcount + 1 WHERE company_id IN ({ids}) AND company_id % 2 = 0");
        await ExecuteAsync(connection, $"UPDATE companies SET exited_on = exited_on + 400 WHERE id IN ({ids}) AND id % 3 = 0");
        await ExecuteAsync(connection, $"UPDATE assignments SET start_on = start_on - 700 WHERE company_id IN ({ids}) AND company_id % 5 = 0");
        await ExecuteAsync(connection, $"DELETE FROM declarations WHERE company_id IN ({ids}) AND year % 4 = 0");
        await CheckAsync(connection, "random updates and deletions of many rows per statement", days);

        // After a bulk load the blocks are rebuilt in parts over two connections (units split by site or company): the same blocks.
        await BlockFacts.Kpis.RebuildInPartsAsync(app.Database.OwnerConnectionString, parts: 3, connections: 2);
        await CheckAsync(connection, "a rebuild in three parts", days);
    }

    /// <summary>Declarations and exits written one statement each in one transaction are folded into the blocks once, when it commits.</summary>
    [Fact]
    public async Task Blocks_ManyStatementsInOneTransaction_FoldedOnceAtCommit()
    {
        await using var connection = await OpenAsAppAsync(app);
        var site = await ScalarAsync(connection, "SELECT min(id) FROM sites");
        var office = await ScalarAsync(connection, SpaceSql(site, "K-T1", "Office", 1));
        var days = new SortedSet<DateOnly> { new(2026, 6, 15), new(2021, 1, 1), new(2031, 7, 1), new(2033, 7, 2) };
        var companies = new List<int>();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            for (var i = 0; i < 12; i++)
            {
                var company = await ScalarAsync(connection, CompanySql(site, $"Kpi Fold {i}"));
                companies.Add(company);
                await ScalarAsync(connection, $"""
                    INSERT INTO assignments (site_id, space_id, company_id, seats, is_exclusive, start_on, end_on, monthly_rent)
                    VALUES ({site}, {office}, {company}, 1, false, '{2000 + i}-01-01', '{2000 + i}-06-01', 1000) RETURNING id
                    """);
                foreach (var year in new[] { 2020, 2021, 2022 })
                {
                    await ExecuteAsync(connection, $"""
                        INSERT INTO declarations (company_id, year, quarter, status, declared_by, declared_at, headcount, revenue, funds_grant, funds_loan, funds_equity, funds_prize, still_active,
                            declared_headcount, declared_revenue, declared_funds_grant, declared_funds_loan, declared_funds_equity, declared_funds_prize, declared_still_active)
                        VALUES ({company}, {year}, NULL, '{(i % 2 == 0 ? "Validated" : "Declared")}', 'kpi', now(), {i + year - 2019}, {1000 * i}, 10, 0, 0, 0, true,
                            {i + year - 2019}, {1000 * i}, 10, 0, 0, 0, true)
                        """);
                }
            }

            foreach (var company in companies.Where((_, i) => i % 3 == 0))
            {
                await ExecuteAsync(connection, $"UPDATE companies SET exit_reason = 'Graduated', exited_on = '2026-07-01' WHERE id = {company}");
            }

            // Updates of columns the blocks do not read are not worked out; a stay given to another company is.
            await ExecuteAsync(connection, $"UPDATE companies SET sector = sector WHERE id = {companies[1]}");
            await ExecuteAsync(connection, $"UPDATE assignments SET monthly_rent = 2000, end_on = '2000-07-01' WHERE company_id = {companies[0]}");
            await ExecuteAsync(connection, $"UPDATE assignments SET company_id = {companies[2]} WHERE company_id = {companies[0]}");
            await transaction.CommitAsync();
        }

        await CheckAsync(connection, "companies, stays and declarations one statement each in one transaction", days);
        await AssertNothingStagedAsync(connection, "one transaction of many statements");
    }

    [Theory]
    [InlineData("INSERT INTO kpi_blocks VALUES (0, 1, false, 1, 1, 1, 1, 1, 1, 1, 1, 1)")]
    [InlineData("INSERT INTO kpi_changes VALUES (false, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)")]
    [InlineData("INSERT INTO kpi_folds VALUES (1)")]
    [InlineData("UPDATE kpi_blocks SET population = population + 1")]
    [InlineData("DELETE FROM kpi_blocks")]
    [InlineData("SELECT kpi_facts_rebuild()")]
    public Task Blocks_TheAppRole_CannotWriteThem(string sql)
        => FactsSql.AssertAppRoleRefusedAsync(app, sql);

    /// <summary>The blocks equal a rebuild (rows of zeros aside), and the KPIs read from them equal the live ones in both modes.</summary>
    private async Task CheckAsync(NpgsqlConnection connection, string change, IEnumerable<DateOnly> days)
    {
        await FactsSql.AssertEqualsRebuildAsync(connection, BlockFacts.Kpis, change);

        await using var db = app.Database.CreateContext();
        var queries = new NetworkQueries(db);
        foreach (var day in days)
        {
            foreach (var mode in new[] { FiguresMode.Validated, FiguresMode.Declared })
            {
                var fromBlocks = await queries.KpisAsync(day, mode, CancellationToken.None);
                var fromRows = await queries.KpisLiveAsync(day, mode, CancellationToken.None);
                Assert.True(fromBlocks == fromRows, $"after {change}, on {day:yyyy-MM-dd} ({mode}): {fromBlocks} instead of {fromRows}");
            }
        }
    }
}
