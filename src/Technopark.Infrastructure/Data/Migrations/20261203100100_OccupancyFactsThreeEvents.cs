using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Reinstalls the occupancy blocks' functions, triggers and live view with three events per stay instead of four (its
    /// end also closes its "ending soon" window, on the same day): the same blocks (the fact tests compare them with the
    /// live statements), a quarter fewer space events to sort. The migration <c>OccupancyFacts</c> installs the SQL of
    /// today's code on a new database; this one brings a database migrated before to it. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261203100100_OccupancyFactsThreeEvents")]
    public partial class OccupancyFactsThreeEvents : Migration
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
