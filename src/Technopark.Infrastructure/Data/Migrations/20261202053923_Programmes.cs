using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Programmes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coworking_passes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    space_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    holder_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    nationality = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    price = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    granted = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    end_on = table.Column<DateOnly>(type: "date", nullable: false),
                    start_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coworking_passes", x => x.id);
                    table.CheckConstraint("ck_coworking_passes_period", "end_on > start_on");
                    table.CheckConstraint("ck_coworking_passes_price", "price >= 0 AND (NOT granted OR price = 0)");
                    table.ForeignKey(
                        name: "fk_coworking_passes_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_coworking_passes_spaces_space_id",
                        column: x => x.space_id,
                        principalTable: "spaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    booking_id = table.Column<long>(type: "bigint", nullable: false),
                    space_id = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registration_deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    partners = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events", x => x.id);
                    table.CheckConstraint("ck_events_capacity", "capacity BETWEEN 1 AND 1000");
                    table.CheckConstraint("ck_events_period", "ends_at > starts_at AND registration_deadline <= starts_at");
                    table.ForeignKey(
                        name: "fk_events_room_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "room_bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_events_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_events_spaces_space_id",
                        column: x => x.space_id,
                        principalTable: "spaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "programmes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    duration_months = table.Column<int>(type: "integer", nullable: false),
                    services = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programmes", x => x.id);
                    table.CheckConstraint("ck_programmes_duration", "duration_months BETWEEN 1 AND 60");
                    table.ForeignKey(
                        name: "fk_programmes_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "event_registrations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_id = table.Column<int>(type: "integer", nullable: false),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    child_first_name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    child_age = table.Column<int>(type: "integer", nullable: true),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    checked_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    checked_in_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_registrations", x => x.id);
                    table.CheckConstraint("ck_event_registrations_check_in", "checked_in_at IS NULL OR state = 'Confirmed'");
                    table.CheckConstraint("ck_event_registrations_child", "(child_age IS NULL OR child_age BETWEEN 7 AND 14) AND ((child_age IS NULL) = (child_first_name IS NULL))");
                    table.ForeignKey(
                        name: "fk_event_registrations_events_event_id",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enrolments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<int>(type: "integer", nullable: false),
                    programme_id = table.Column<int>(type: "integer", nullable: false),
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    coach_user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    end_on = table.Column<DateOnly>(type: "date", nullable: true),
                    start_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrolments", x => x.id);
                    table.CheckConstraint("ck_enrolments_period", "end_on IS NULL OR end_on > start_on");
                    table.ForeignKey(
                        name: "fk_enrolments_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enrolments_programmes_programme_id",
                        column: x => x.programme_id,
                        principalTable: "programmes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enrolments_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "programme_milestones",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    programme_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programme_milestones", x => x.id);
                    table.ForeignKey(
                        name: "fk_programme_milestones_programmes_programme_id",
                        column: x => x.programme_id,
                        principalTable: "programmes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "coaching_sessions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<int>(type: "integer", nullable: false),
                    enrolment_id = table.Column<int>(type: "integer", nullable: false),
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    coach_user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    minutes = table.Column<int>(type: "integer", nullable: false),
                    topics = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    decisions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    next_steps = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    logged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coaching_sessions", x => x.id);
                    table.CheckConstraint("ck_coaching_sessions_minutes", "minutes BETWEEN 15 AND 480");
                    table.ForeignKey(
                        name: "fk_coaching_sessions_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_coaching_sessions_enrolments_enrolment_id",
                        column: x => x.enrolment_id,
                        principalTable: "enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_coaching_sessions_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "session_requests",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<int>(type: "integer", nullable: false),
                    enrolment_id = table.Column<int>(type: "integer", nullable: false),
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    slot_minutes = table.Column<int>(type: "integer", nullable: false),
                    chosen_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answered_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    slots = table.Column<List<DateTimeOffset>>(type: "timestamp with time zone[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_requests", x => x.id);
                    table.CheckConstraint("ck_session_requests_slots", "cardinality(slots) <= 5");
                    table.ForeignKey(
                        name: "fk_session_requests_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_session_requests_enrolments_enrolment_id",
                        column: x => x.enrolment_id,
                        principalTable: "enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_session_requests_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reached_milestones",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    enrolment_id = table.Column<int>(type: "integer", nullable: false),
                    company_id = table.Column<int>(type: "integer", nullable: false),
                    milestone_id = table.Column<int>(type: "integer", nullable: false),
                    reached_on = table.Column<DateOnly>(type: "date", nullable: false),
                    evidence = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reached_milestones", x => x.id);
                    table.ForeignKey(
                        name: "fk_reached_milestones_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reached_milestones_enrolments_enrolment_id",
                        column: x => x.enrolment_id,
                        principalTable: "enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reached_milestones_programme_milestones_milestone_id",
                        column: x => x.milestone_id,
                        principalTable: "programme_milestones",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "coaching_attachments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    session_id = table.Column<int>(type: "integer", nullable: false),
                    company_id = table.Column<int>(type: "integer", nullable: false),
                    original_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    stored_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coaching_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_coaching_attachments_coaching_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "coaching_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_coaching_attachments_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coaching_attachments_company_id",
                table: "coaching_attachments",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_coaching_attachments_session_id",
                table: "coaching_attachments",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_coaching_sessions_company_id_held_on",
                table: "coaching_sessions",
                columns: new[] { "company_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "ix_coaching_sessions_enrolment_id",
                table: "coaching_sessions",
                column: "enrolment_id");

            migrationBuilder.CreateIndex(
                name: "ix_coaching_sessions_site_id_held_on",
                table: "coaching_sessions",
                columns: new[] { "site_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "ix_coworking_passes_site_id_space_id",
                table: "coworking_passes",
                columns: new[] { "site_id", "space_id" });

            migrationBuilder.CreateIndex(
                name: "ix_coworking_passes_space_id",
                table: "coworking_passes",
                column: "space_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_coach_user_id",
                table: "enrolments",
                column: "coach_user_id",
                filter: "coach_user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_company_id",
                table: "enrolments",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_programme_id",
                table: "enrolments",
                column: "programme_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_site_id_programme_id",
                table: "enrolments",
                columns: new[] { "site_id", "programme_id" });

            migrationBuilder.CreateIndex(
                name: "ix_event_registrations_event_id_email",
                table: "event_registrations",
                columns: new[] { "event_id", "email" },
                unique: true,
                filter: "state <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_event_registrations_event_id_state",
                table: "event_registrations",
                columns: new[] { "event_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_event_registrations_token_hash",
                table: "event_registrations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_booking_id",
                table: "events",
                column: "booking_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_site_id_starts_at",
                table: "events",
                columns: new[] { "site_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_events_space_id",
                table: "events",
                column: "space_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_starts_at",
                table: "events",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_programme_milestones_programme_id_position",
                table: "programme_milestones",
                columns: new[] { "programme_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_programmes_site_id_name",
                table: "programmes",
                columns: new[] { "site_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reached_milestones_company_id",
                table: "reached_milestones",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_reached_milestones_enrolment_id_milestone_id",
                table: "reached_milestones",
                columns: new[] { "enrolment_id", "milestone_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reached_milestones_milestone_id",
                table: "reached_milestones",
                column: "milestone_id");

            migrationBuilder.CreateIndex(
                name: "ix_session_requests_company_id_state",
                table: "session_requests",
                columns: new[] { "company_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_session_requests_enrolment_id",
                table: "session_requests",
                column: "enrolment_id");

            migrationBuilder.CreateIndex(
                name: "ix_session_requests_site_id",
                table: "session_requests",
                column: "site_id");

            // A company follows one programme at a time: the database refuses two enrolments of one company that overlap.
            migrationBuilder.Sql($"""
                ALTER TABLE enrolments ADD CONSTRAINT {DbConstraints.EnrolmentNoOverlap}
                EXCLUDE USING gist (company_id WITH =, daterange(start_on, end_on, '[)') WITH &&);
                """);

            // No event without its room: an event is created on a live booking of its site held for the site itself, with the
            // booking's times; a booking that holds a live event cannot be cancelled (cancel the event, which frees it).
            migrationBuilder.Sql($"""
                CREATE FUNCTION events_need_their_room() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM room_bookings b WHERE b.id = NEW.booking_id AND b.site_id = NEW.site_id
                                   AND b.space_id = NEW.space_id AND b.party_kind = 'Site' AND b.starts_at = NEW.starts_at
                                   AND b.ends_at = NEW.ends_at AND (b.cancelled_at IS NULL OR NEW.cancelled_at IS NOT NULL)) THEN
                        RAISE EXCEPTION 'event % needs a live booking of its room', NEW.id
                            USING ERRCODE = 'check_violation', CONSTRAINT = '{DbConstraints.EventRoomRequired}', TABLE = 'events';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER events_need_their_room BEFORE INSERT OR UPDATE ON events
                    FOR EACH ROW EXECUTE FUNCTION events_need_their_room();

                CREATE FUNCTION bookings_keep_their_event() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.cancelled_at IS NOT NULL AND OLD.cancelled_at IS NULL
                       AND EXISTS (SELECT 1 FROM events e WHERE e.booking_id = NEW.id AND e.cancelled_at IS NULL) THEN
                        RAISE EXCEPTION 'booking % holds a live event', NEW.id
                            USING ERRCODE = 'check_violation', CONSTRAINT = '{DbConstraints.EventRoomRequired}', TABLE = 'room_bookings';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER bookings_keep_their_event BEFORE UPDATE OF cancelled_at ON room_bookings
                    FOR EACH ROW EXECUTE FUNCTION bookings_keep_their_event();
                """);

            // An event's confirmed registrations never exceed its capacity, checked at commit (the app counts under the event's lock;
            // this is the guard if it ever does not).
            migrationBuilder.Sql($"""
                CREATE FUNCTION event_registrations_within_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (SELECT count(*) FROM event_registrations r WHERE r.event_id = NEW.event_id AND r.state = 'Confirmed')
                       > (SELECT e.capacity FROM events e WHERE e.id = NEW.event_id) THEN
                        RAISE EXCEPTION 'event % is full', NEW.event_id
                            USING ERRCODE = 'check_violation', CONSTRAINT = '{DbConstraints.EventCapacity}', TABLE = 'event_registrations';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER event_registrations_within_capacity AFTER INSERT OR UPDATE OF state ON event_registrations
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.state = 'Confirmed')
                    EXECUTE FUNCTION event_registrations_within_capacity();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS bookings_keep_their_event ON room_bookings;
                DROP FUNCTION IF EXISTS bookings_keep_their_event();
                DROP TRIGGER IF EXISTS events_need_their_room ON events;
                DROP FUNCTION IF EXISTS events_need_their_room();
                DROP TRIGGER IF EXISTS event_registrations_within_capacity ON event_registrations;
                DROP FUNCTION IF EXISTS event_registrations_within_capacity();
                """);

            migrationBuilder.DropTable(
                name: "coaching_attachments");

            migrationBuilder.DropTable(
                name: "coworking_passes");

            migrationBuilder.DropTable(
                name: "event_registrations");

            migrationBuilder.DropTable(
                name: "reached_milestones");

            migrationBuilder.DropTable(
                name: "session_requests");

            migrationBuilder.DropTable(
                name: "coaching_sessions");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "programme_milestones");

            migrationBuilder.DropTable(
                name: "enrolments");

            migrationBuilder.DropTable(
                name: "programmes");
        }
    }
}
