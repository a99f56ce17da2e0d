using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Occupancy and the KPIs kept as billing is (<see cref="Queries.BlockFacts"/>): their statement triggers stage each
    /// statement's changes and the transaction folds them into the blocks once, when it commits, instead of updating the blocks
    /// in every statement (importing 2,000 spaces took 13 s); their triggers lock the companies and spaces they work out, so two
    /// transactions changing the same company's stays at once no longer both count it; updates of columns the blocks do not read
    /// are not worked out; every rebuild also clears its transaction's staged changes (the rows count them already). The blocks
    /// are left as they are. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261205020000_FoldFactsAtCommit")]
    public partial class FoldFactsAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Queries.BlockFacts.All.SelectMany(facts => facts.RefollowSql()))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The SQL before this migration is not kept in the code: the blocks stay kept as they are, equal either way.
        }
    }
}
