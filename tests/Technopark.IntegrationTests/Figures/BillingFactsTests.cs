using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Figures;

/// <summary>
/// The billing blocks (<see cref="Infrastructure.Data.Queries.BillingFacts"/>) are written by the database's triggers only: the
/// app's role can read them, not write or rebuild them. That they follow every change is the billing differential test's
/// (<see cref="BillingFiguresDifferentialTests"/>: the blocks equal a rebuild after each seed, the figures read from them equal
/// the reference on every checked day).
/// </summary>
public class BillingFactsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("INSERT INTO billing_blocks VALUES (0, 1, 1, 1, 1, 1)")]
    [InlineData("UPDATE billing_blocks SET billed = billed + 1")]
    [InlineData("DELETE FROM billing_blocks")]
    [InlineData("TRUNCATE billing_blocks")]
    [InlineData("SELECT billing_facts_rebuild()")]
    [InlineData("INSERT INTO billing_changes VALUES (1, 1, 1, 1, 1)")]
    [InlineData("INSERT INTO billing_folds VALUES (1)")]
    public Task Blocks_TheAppRole_CannotWriteThem(string sql)
        => FactsSql.AssertAppRoleRefusedAsync(app, sql);
}
