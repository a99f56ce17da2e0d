using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Drops the GiST index on the stays' periods (migration <c>HqIndexes</c>): HQ's figures are read from the occupancy
    /// blocks now, and only the live statements (days outside the blocks, the tests) asked "what is held on day D" across
    /// every site. At 1000× it was the largest index (1.8 GB) and its build the longest step of a bulk load, and every
    /// write of a stay paid for it. A site's day is read by <c>ix_assignments_site_id</c>, a company's by
    /// <c>ix_assignments_company_id</c>; the office exclusion constraint keeps its own GiST index. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261203070000_DropAssignmentsPeriodIndex")]
    public partial class DropAssignmentsPeriodIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_assignments_period;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_assignments_period ON assignments
                USING gist (daterange(start_on, end_on, '[)')) INCLUDE (space_id, company_id, seats);
                """);
        }
    }
}
