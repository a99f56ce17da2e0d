using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The yearly snapshots (headcount, revenue) become validated yearly declarations, the one source of the reported KPIs:
    /// declared figures = figures, no revenue = 0, no funds, still active, declared and validated by 'system' now. Years
    /// before the network's first (2001) cannot be declared and are not moved. Then the table goes.
    /// Down brings the table back with the yearly declarations' headcount (rounded) and revenue, and removes the moved ones.
    /// </summary>
    public partial class DeclarationsReplaceSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO declarations (company_id, year, quarter, status, declared_by, declared_at, validated_by, validated_at,
                    headcount, revenue, funds_grant, funds_loan, funds_equity, funds_prize, still_active,
                    declared_headcount, declared_revenue, declared_funds_grant, declared_funds_loan, declared_funds_equity, declared_funds_prize, declared_still_active)
                SELECT cs.company_id, cs.year, NULL, 'Validated', 'system', now(), 'system', now(),
                       cs.headcount, coalesce(cs.revenue, 0), 0, 0, 0, 0, true,
                       cs.headcount, coalesce(cs.revenue, 0), 0, 0, 0, 0, true
                FROM company_snapshot cs
                WHERE cs.year >= 2001
                ON CONFLICT DO NOTHING;
                """);
            migrationBuilder.DropTable(
                name: "company_snapshot");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "company_snapshot",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<int>(type: "integer", nullable: false),
                    headcount = table.Column<int>(type: "integer", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_snapshot", x => x.id);
                    table.ForeignKey(
                        name: "fk_company_snapshot_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_company_snapshot_company_id_year",
                table: "company_snapshot",
                columns: new[] { "company_id", "year" },
                unique: true);

            migrationBuilder.Sql("""
                INSERT INTO company_snapshot (company_id, year, headcount, revenue)
                SELECT company_id, year, round(headcount)::int, revenue FROM declarations WHERE quarter IS NULL;
                DELETE FROM declarations WHERE declared_by = 'system' AND validated_by = 'system' AND quarter IS NULL;
                """);
        }
    }
}
