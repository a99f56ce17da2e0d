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
        string Payment(string day, decimal amount) => $"""
            INSERT INTO payments (site_id, company_id, received_on, method, reference, amount, recorded_at, recorded_by)
            VALUES ({site}, {company}, '{day}', 'Transfer', 'FACTS', {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}, now(), 'facts')
            """;
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
