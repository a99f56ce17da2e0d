using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The reported KPI figures kept by the database (<see cref="Queries.KpiFacts"/>): the blocks table, statement triggers
    /// with transition tables on companies, assignments and declarations (SECURITY DEFINER functions of the owner; the app
    /// role reads the blocks only), a TRUNCATE of any of them rebuilds, and the live view the tests compare with. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261203060000_KpiFacts")]
    public partial class KpiFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Queries.BlockFacts.Kpis.InstallSql())
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Queries.BlockFacts.Kpis.UninstallSql())
            {
                migrationBuilder.Sql(sql);
            }
        }
    }
}
