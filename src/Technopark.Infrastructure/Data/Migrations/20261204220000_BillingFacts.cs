using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Billing kept by the database (<see cref="Queries.BillingFacts"/>): the blocks of what each day changes in the amounts billed,
    /// collected and overdue per site, statement triggers with transition tables on invoices, credit notes, payments and payment
    /// allocations that stage each statement's changes per site and day, folded into the blocks once per transaction by a deferred
    /// constraint trigger (SECURITY DEFINER functions of the owner; the app role reads the blocks only), and the live view the
    /// tests compare with; built from the rows already there. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261204220000_BillingFacts")]
    public partial class BillingFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Queries.BlockFacts.Billing.InstallSql())
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Queries.BlockFacts.Billing.UninstallSql())
            {
                migrationBuilder.Sql(sql);
            }
        }
    }
}
