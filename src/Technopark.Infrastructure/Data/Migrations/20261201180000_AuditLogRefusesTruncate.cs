using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The row trigger of AccountsAndAudit does not fire on TRUNCATE, which empties the table in one
    /// statement: a statement-level trigger refuses it, whoever asks (the owner included).
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261201180000_AuditLogRefusesTruncate")]
    public partial class AuditLogRefusesTruncate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;");
        }
    }
}
