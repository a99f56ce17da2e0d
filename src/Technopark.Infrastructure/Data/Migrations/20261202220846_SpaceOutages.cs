using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Space activity history: the periods each space was out of service, so that a past day counts the inventory of that day.
    /// Two periods of one space never overlap (exclusion constraint). A space inactive today gets one open period, from the
    /// Moroccan day of its latest "space.deactivate" audit entry, or from 01/01/2000 (the first day figures cover) when none
    /// says since when. Changes notify the data version like the other tables HQ's figures read.
    /// </summary>
    public partial class SpaceOutages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "space_outages",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    space_id = table.Column<int>(type: "integer", nullable: false),
                    start_on = table.Column<DateOnly>(type: "date", nullable: false),
                    end_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_space_outages", x => x.id);
                    table.CheckConstraint("ck_space_outages_period", "end_on IS NULL OR end_on > start_on");
                    table.ForeignKey(
                        name: "fk_space_outages_spaces_space_id",
                        column: x => x.space_id,
                        principalTable: "spaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_space_outages_space_id",
                table: "space_outages",
                column: "space_id");

            migrationBuilder.Sql($"""
                ALTER TABLE space_outages ADD CONSTRAINT {DbConstraints.SpaceOutageNoOverlap}
                    EXCLUDE USING gist (space_id WITH =, daterange(start_on, end_on, '[)') WITH &&);
                CREATE TRIGGER space_outages_notify_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON space_outages
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_data_version();
                INSERT INTO space_outages (space_id, start_on)
                SELECT sp.id, coalesce(
                    (SELECT max((a.at AT TIME ZONE '{Domain.Common.SiteTime.ZoneId}')::date) FROM audit_log a
                     WHERE a.entity_type = 'Space' AND a.entity_id = sp.id::text AND a.action = 'space.deactivate'),
                    date '2000-01-01')
                FROM spaces sp WHERE NOT sp.is_active;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "space_outages");
        }
    }
}
