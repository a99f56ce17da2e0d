using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// One role model: NetworkAdmin is the only Identity role; what a person does on a site is their
    /// site_staff row. Earlier seeding also made Identity roles SiteManager and Reviewer, which nothing
    /// checked: their rows (and who was given them) are removed. The model itself does not change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261201193000_OneRoleModel")]
    public partial class OneRoleModel : Migration
    {
        /// <summary>Deletes every Identity role but NetworkAdmin, with its user and claim rows.</summary>
        public const string RemoveUnusedIdentityRoles = """
            DELETE FROM "AspNetUserRoles" WHERE role_id IN (SELECT id FROM "AspNetRoles" WHERE normalized_name IN ('SITEMANAGER', 'REVIEWER'));
            DELETE FROM "AspNetRoleClaims" WHERE role_id IN (SELECT id FROM "AspNetRoles" WHERE normalized_name IN ('SITEMANAGER', 'REVIEWER'));
            DELETE FROM "AspNetRoles" WHERE normalized_name IN ('SITEMANAGER', 'REVIEWER');
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RemoveUnusedIdentityRoles);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: the rows granted nothing.
        }
    }
}
