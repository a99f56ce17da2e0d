using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class HqIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // HQ asks "what is held on day D" across every site: a GiST index on the half-open period
            // answers daterange(start_on, end_on, '[)') @> D without reading 25 years of history.
            // The office exclusion constraint's index is partial (offices) and led by space_id, so it cannot.
            migrationBuilder.Sql("""
                CREATE INDEX ix_assignments_period ON assignments
                USING gist (daterange(start_on, end_on, '[)')) INCLUDE (space_id, company_id, seats);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_assignments_period;");
        }
    }
}
