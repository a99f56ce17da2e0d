using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Every statement that changes a table HQ's figures read notifies the channel technopark_data_version (DataVersionListener),
    /// whoever runs it (any instance, raw SQL): statement-level triggers, one notification per transaction (PostgreSQL folds
    /// identical ones), delivered at commit and never for a rolled-back change. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261202150000_InstancesNotify")]
    public partial class InstancesNotify : Migration
    {
        private static readonly string[] Tables =
        [
            "sites", "spaces", "companies", "assignments", "waiting_list", "applications", "declarations", "coworking_passes",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('technopark_data_version', '');
                    RETURN NULL;
                END
                $$;
                """);
            AddTriggers(migrationBuilder, Tables);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DropTriggers(migrationBuilder, Tables);
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS notify_data_version();");
        }

        /// <summary>A statement trigger per table calling notify_data_version() (also NavigationNotify's).</summary>
        internal static void AddTriggers(MigrationBuilder migrationBuilder, IEnumerable<string> tables)
        {
            foreach (var table in tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_notify_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_data_version();
                    """);
            }
        }

        internal static void DropTriggers(MigrationBuilder migrationBuilder, IEnumerable<string> tables)
        {
            foreach (var table in tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_notify_data_version ON {table};");
            }
        }
    }
}
