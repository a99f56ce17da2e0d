using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Reinstalls the occupancy blocks' functions, triggers and live view with the changes computed in one sort per unit
    /// (running sums over a RANGE frame instead of a grouping by day, then the lag over the same order) and the events made
    /// by set-returning functions instead of a join per row: the same blocks (the fact tests compare them with the live
    /// statements), about a third less work. The migration <c>OccupancyFacts</c> installs the SQL of today's code on a new
    /// database; this one brings a database migrated before to it. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261203080000_OccupancyFactsOneSort")]
    public partial class OccupancyFactsOneSort : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Queries.BlockFacts.Occupancy.ReinstallSql())
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The SQL before this migration is not kept in the code: the blocks stay installed as they are, equal either way.
        }
    }
}
