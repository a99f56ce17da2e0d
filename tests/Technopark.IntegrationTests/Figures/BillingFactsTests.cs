using Npgsql;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;
using static Technopark.IntegrationTests.Figures.FactsSql;

namespace Technopark.IntegrationTests.Figures;

/// <summary>
/// The billing blocks (<see cref="BillingFacts"/>) are written by the database only: each statement's changes are staged and the
/// transaction folds them into the blocks when it commits; a rollback leaves nothing behind. The app's role can read them, not
/// write or rebuild them. That they follow every kind of change is the billing differential test's
/// (<see cref="BillingFiguresDifferentialTests"/>: the blocks equal a rebuild after each seed, the figures read from them equal
/// the reference on every checked day).
/// </summary>
public class BillingFactsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Payments_SeveralStatementsCommittedOrRolledBack_TheBlocksEqualARebuildAndNothingStaysStaged()
    {
        await using var connection = await OpenAsAppAsync(app);
        var site = await ScalarAsync(connection, "SELECT min(id) FROM sites");
        var company = await ScalarAsync(connection, CompanySql(site, "Billing Facts"));
        string Payment(string day, decimal amount) => PaymentSql(site, company, day, amount);
        var collected = $"SELECT coalesce(sum(collected), 0)::int FROM {BillingFacts.Table} WHERE site_id = {site} AND level = 0";

        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, Payment("2027-01-15", 500));
            await rolledBack.RollbackAsync();
        }

        Assert.Equal(0, await ScalarAsync(connection, collected));
        await using (var committed = await connection.BeginTransactionAsync())
        {
            for (var i = 0; i < 40; i++)
            {
                await ExecuteAsync(connection, Payment(i % 2 == 0 ? "2027-01-15" : "2027-02-01", 100));
            }

            await committed.CommitAsync();
        }

        Assert.Equal(4000, await ScalarAsync(connection, collected));
        await AssertNothingStagedAsync(connection, "40 payments in one transaction");
        await AssertEqualsRebuildAsync(connection, BlockFacts.Billing, "40 payments in one transaction");
    }

    [Fact]
    public async Task Payments_ManyTransactionsAtOnce_FoldWithoutDeadlockOrLostAmount()
    {
        await using var connection = await OpenAsAppAsync(app);
        // The last two sites (the test above pays on the first one and counts from nothing).
        var last = await ScalarAsync(connection, "SELECT max(id) FROM sites");
        List<int> sites = [await ScalarAsync(connection, $"SELECT max(id) FROM sites WHERE id < {last}"), last];
        var companies = new List<int>();
        foreach (var site in sites)
        {
            companies.Add(await ScalarAsync(connection, CompanySql(site, $"Billing Folds {site}")));
        }

        string[] days = ["2026-03-02", "2026-03-03", "2026-07-15", "2027-01-01"];
        var collected = $"SELECT coalesce(sum(collected), 0)::int FROM {BillingFacts.Table} WHERE site_id IN ({string.Join(", ", sites)}) AND level = 0";
        var before = await ScalarAsync(connection, collected);

        // Four connections, ten transactions each, every one paying on the same days of both sites (so every fold meets the
        // others' blocks), half of them in the reverse order of days and sites: folds take their blocks in the key's order.
        var order = Enumerable.Range(0, sites.Count).SelectMany(i => days.Select(day => (i, day))).ToList();
        await AtOnceAsync(app, async (own, worker, _) =>
        {
            foreach (var (i, day) in worker % 2 == 0 ? order : Enumerable.Reverse(order))
            {
                await ExecuteAsync(own, PaymentSql(sites[i], companies[i], day, 10));
            }
        });

        Assert.Equal(before + (Workers * Rounds * order.Count * 10), await ScalarAsync(connection, collected));
        await AssertNothingStagedAsync(connection, "40 transactions of 4 connections at once");
        await AssertEqualsRebuildAsync(connection, BlockFacts.Billing, "40 transactions of 4 connections at once");
    }

    [Theory]
    [InlineData("INSERT INTO billing_blocks VALUES (0, 1, 1, 1, 1, 1)")]
    [InlineData("UPDATE billing_blocks SET billed = billed + 1")]
    [InlineData("DELETE FROM billing_blocks")]
    [InlineData("TRUNCATE billing_blocks")]
    [InlineData("SELECT billing_facts_rebuild()")]
    [InlineData("INSERT INTO billing_changes VALUES (1, 1, 1, 1, 1)")]
    [InlineData("INSERT INTO billing_folds VALUES (1)")]
    public Task Blocks_TheAppRole_CannotWriteThem(string sql)
        => AssertAppRoleRefusedAsync(app, sql);
}
