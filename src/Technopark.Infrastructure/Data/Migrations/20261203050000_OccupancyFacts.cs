using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Occupancy kept by the database (<see cref="OccupancyFacts"/>): the blocks table, statement triggers with transition
    /// tables on the tables it follows (SECURITY DEFINER functions of the owner; the app role reads the blocks only), a
    /// TRUNCATE of any of them rebuilds, and the live view the tests compare with. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261203050000_OccupancyFacts")]
    public partial class OccupancyFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Queries.BlockFacts.Occupancy.InstallSql())
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Queries.BlockFacts.Occupancy.UninstallSql())
            {
                migrationBuilder.Sql(sql);
            }
        }
    }
}
