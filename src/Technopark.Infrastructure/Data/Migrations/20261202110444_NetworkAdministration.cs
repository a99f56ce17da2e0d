using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_log_site_id_at",
                table: "audit_log");

            migrationBuilder.AddColumn<string>(
                name: "address",
                table: "sites",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "closed_on",
                table: "sites",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_ar",
                table: "sites",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_en",
                table: "sites",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_sign_in_at",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "password_reset_required",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "site_photos",
                columns: table => new
                {
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_site_photos", x => x.site_id);
                    table.ForeignKey(
                        name: "fk_site_photos_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at_id",
                table: "audit_log",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_at_id",
                table: "audit_log",
                columns: new[] { "entity_type", "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_site_id_at_id",
                table: "audit_log",
                columns: new[] { "site_id", "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_user_id_at_id",
                table: "audit_log",
                columns: new[] { "user_id", "at", "id" });

            // A slug is a site's address in every URL, bookmark and export: never changed, never freed by a deletion.
            migrationBuilder.Sql("""
                CREATE FUNCTION sites_keep_their_slug() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'a site is never deleted (%), close it instead', OLD.slug USING ERRCODE = 'check_violation', CONSTRAINT = 'sites_keep_their_slug';
                    END IF;
                    IF NEW.slug <> OLD.slug THEN
                        RAISE EXCEPTION 'a site''s slug never changes (%)', OLD.slug USING ERRCODE = 'check_violation', CONSTRAINT = 'sites_keep_their_slug';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER sites_keep_their_slug BEFORE UPDATE OR DELETE ON sites
                    FOR EACH ROW EXECUTE FUNCTION sites_keep_their_slug();
                ALTER TABLE sites ADD CONSTRAINT ck_sites_closed_after_opening
                    CHECK ((status = 'Closed') = (closed_on IS NOT NULL) AND (closed_on IS NULL OR opened_on IS NULL OR closed_on > opened_on));
                """);

            // Names of the reference sites in English and Arabic, for databases seeded before they existed.
            migrationBuilder.Sql("""
                UPDATE sites SET name_en = v.en, name_ar = v.ar
                FROM (VALUES
                    ('casablanca', 'Technopark Casablanca', 'تكنوبارك الدار البيضاء'),
                    ('rabat', 'Technopark Rabat', 'تكنوبارك الرباط'),
                    ('tanger', 'Technopark Tangier', 'تكنوبارك طنجة'),
                    ('agadir', 'Technopark Agadir', 'تكنوبارك أكادير'),
                    ('essaouira', 'Technopark Essaouira', 'تكنوبارك الصويرة'),
                    ('oujda', 'Technopark Oujda', 'تكنوبارك وجدة'),
                    ('khemisset', 'Technopark Khemisset', 'تكنوبارك الخميسات'),
                    ('fes', 'Technopark Fez', 'تكنوبارك فاس'),
                    ('tiznit', 'Technopark Tiznit', 'تكنوبارك تيزنيت')) AS v(slug, en, ar)
                WHERE sites.slug = v.slug AND sites.name_en IS NULL AND sites.name_ar IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE sites DROP CONSTRAINT IF EXISTS ck_sites_closed_after_opening;
                DROP TRIGGER IF EXISTS sites_keep_their_slug ON sites;
                DROP FUNCTION IF EXISTS sites_keep_their_slug();
                """);

            migrationBuilder.DropTable(
                name: "site_photos");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_at_id",
                table: "audit_log");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_entity_type_at_id",
                table: "audit_log");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_site_id_at_id",
                table: "audit_log");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_user_id_at_id",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "address",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "closed_on",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "name_ar",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "name_en",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "last_sign_in_at",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "password_reset_required",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_site_id_at",
                table: "audit_log",
                columns: new[] { "site_id", "at" });
        }
    }
}
