using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Rooms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "attachment_content",
                table: "email_outbox",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attachment_name",
                table: "email_outbox",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attachment_type",
                table: "email_outbox",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "calendar_token",
                table: "companies",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "room_bookings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    space_id = table.Column<int>(type: "integer", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attendees = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    party_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    company_id = table.Column<int>(type: "integer", nullable: true),
                    external_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    external_contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    external_ice = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    series_id = table.Column<Guid>(type: "uuid", nullable: true),
                    booked_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    cancelled_late = table.Column<bool>(type: "boolean", nullable: false),
                    no_show = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_room_bookings", x => x.id);
                    table.CheckConstraint("ck_room_bookings_attendees", "attendees >= 1");
                    table.CheckConstraint("ck_room_bookings_party", "(party_kind = 'Company') = (company_id IS NOT NULL) AND (party_kind = 'External') = (external_name IS NOT NULL)");
                    table.CheckConstraint("ck_room_bookings_period", "ends_at > starts_at AND blocked_until >= ends_at");
                    table.ForeignKey(
                        name: "fk_room_bookings_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_room_bookings_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_room_bookings_spaces_space_id",
                        column: x => x.space_id,
                        principalTable: "spaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "room_settings",
                columns: table => new
                {
                    space_id = table.Column<int>(type: "integer", nullable: false),
                    equipment = table.Column<int>(type: "integer", nullable: false),
                    opening_minutes = table.Column<int[]>(type: "integer[]", nullable: false),
                    min_booking_minutes = table.Column<int>(type: "integer", nullable: false),
                    max_booking_minutes = table.Column<int>(type: "integer", nullable: false),
                    buffer_minutes = table.Column<int>(type: "integer", nullable: false),
                    cancellation_notice_minutes = table.Column<int>(type: "integer", nullable: false),
                    hour_rate = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    half_day_rate = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    day_rate = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    vat_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    included_hours_per_month = table.Column<int>(type: "integer", nullable: false),
                    feed_token = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_room_settings", x => x.space_id);
                    table.CheckConstraint("ck_room_settings_buffer", "buffer_minutes BETWEEN 0 AND 120");
                    table.CheckConstraint("ck_room_settings_hours", "cardinality(opening_minutes) = 14");
                    table.CheckConstraint("ck_room_settings_included", "included_hours_per_month BETWEEN 0 AND 200");
                    table.CheckConstraint("ck_room_settings_lengths", "min_booking_minutes >= 15 AND max_booking_minutes >= min_booking_minutes AND max_booking_minutes <= 1440");
                    table.ForeignKey(
                        name: "fk_room_settings_spaces_space_id",
                        column: x => x.space_id,
                        principalTable: "spaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_companies_calendar_token",
                table: "companies",
                column: "calendar_token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_room_bookings_company_id_starts_at",
                table: "room_bookings",
                columns: new[] { "company_id", "starts_at" },
                filter: "company_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_room_bookings_series_id",
                table: "room_bookings",
                column: "series_id",
                filter: "series_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_room_bookings_site_id_starts_at",
                table: "room_bookings",
                columns: new[] { "site_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_room_bookings_space_id",
                table: "room_bookings",
                column: "space_id");

            migrationBuilder.CreateIndex(
                name: "ix_room_settings_feed_token",
                table: "room_settings",
                column: "feed_token",
                unique: true);

            // The database itself refuses two live bookings of one room whose holds overlap: [start, end + cleaning buffer),
            // half-open, so a booking may start the minute the previous one's buffer ends. Cancelled bookings are kept and free the room.
            migrationBuilder.Sql($"""
                ALTER TABLE room_bookings ADD CONSTRAINT {DbConstraints.RoomNoOverlap}
                EXCLUDE USING gist (space_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) WHERE (cancelled_at IS NULL);
                """);

            // Rooms already in the inventory become bookable with the defaults of RoomSettings.Default (weekdays 08:00–19:00,
            // 30 min to 8 h, 15 min buffer, 2 h notice, VAT 20 %, nothing included); staff adjust them in the inventory.
            migrationBuilder.Sql("""
                INSERT INTO room_settings (space_id, equipment, opening_minutes, min_booking_minutes, max_booking_minutes, buffer_minutes,
                    cancellation_notice_minutes, hour_rate, half_day_rate, day_rate, vat_percent, included_hours_per_month, feed_token)
                SELECT id, 5, ARRAY[480,1140,480,1140,480,1140,480,1140,480,1140,0,0,0,0], 30, 480, 15, 120, 0, 0, 0, 20, 0,
                       replace(gen_random_uuid()::text, '-', '')
                FROM spaces WHERE kind IN ('MeetingRoom', 'TrainingRoom', 'ConferenceRoom');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "room_bookings");

            migrationBuilder.DropTable(
                name: "room_settings");

            migrationBuilder.DropIndex(
                name: "ix_companies_calendar_token",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "attachment_content",
                table: "email_outbox");

            migrationBuilder.DropColumn(
                name: "attachment_name",
                table: "email_outbox");

            migrationBuilder.DropColumn(
                name: "attachment_type",
                table: "email_outbox");

            migrationBuilder.DropColumn(
                name: "calendar_token",
                table: "companies");
        }
    }
}
