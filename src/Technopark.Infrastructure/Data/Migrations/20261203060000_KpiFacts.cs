using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The reported KPI figures kept by the database (<see cref="Queries.KpiFacts"/>): the blocks table, statement triggers
    /// with transition tables on companies, assignments and declarations (SECURITY DEFINER functions of the owner; the app
    /// role reads the blocks only), a TRUNCATE of any of them rebuilds, and the live view the tests compare with. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261203060000_KpiFacts")]
    public partial class KpiFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var columns = Queries.KpiFacts.Measures.Split(", ").Select(m => $"{m} {(Queries.KpiFacts.Amounts.Contains(m) ? "numeric" : "integer")} NOT NULL");
            migrationBuilder.Sql($$"""
                CREATE TABLE {{Queries.KpiFacts.Table}} (
                    level smallint NOT NULL, block integer NOT NULL, declared boolean NOT NULL, {{string.Join(", ", columns)}},
                    CONSTRAINT pk_kpi_blocks PRIMARY KEY (level, block, declared) INCLUDE ({{Queries.KpiFacts.Measures}}));

                CREATE VIEW {{Queries.KpiFacts.LiveView}} AS {{Queries.KpiFacts.LiveChangesSql}};

                CREATE FUNCTION kpi_facts_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                BEGIN
                    DELETE FROM {{Queries.KpiFacts.Table}};
                    INSERT INTO {{Queries.KpiFacts.Table}} SELECT * FROM {{Queries.KpiFacts.LiveView}};
                END $f$;
                REVOKE EXECUTE ON FUNCTION kpi_facts_rebuild() FROM PUBLIC;

                CREATE FUNCTION kpi_facts_rebuild_after_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                BEGIN
                    PERFORM kpi_facts_rebuild();
                    RETURN NULL;
                END $f$;
                """);
            foreach (var table in Queries.KpiFacts.FollowedTables)
            {
                migrationBuilder.Sql($$"""
                    CREATE FUNCTION kpi_facts_follow_{{table}}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                    BEGIN
                        IF TG_OP = 'INSERT' THEN
                            {{Queries.KpiFacts.FollowSql(table, "INSERT")}};
                        ELSIF TG_OP = 'UPDATE' THEN
                            {{Queries.KpiFacts.FollowSql(table, "UPDATE")}};
                        ELSE
                            {{Queries.KpiFacts.FollowSql(table, "DELETE")}};
                        END IF;
                        RETURN NULL;
                    END $f$;
                    CREATE TRIGGER {{table}}_kpi_facts_insert AFTER INSERT ON {{table}} REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_follow_{{table}}();
                    CREATE TRIGGER {{table}}_kpi_facts_update AFTER UPDATE ON {{table}} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_follow_{{table}}();
                    CREATE TRIGGER {{table}}_kpi_facts_delete AFTER DELETE ON {{table}} REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_follow_{{table}}();
                    CREATE TRIGGER {{table}}_kpi_facts_truncate AFTER TRUNCATE ON {{table}}
                        FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_rebuild_after_truncate();
                    """);
            }

            migrationBuilder.Sql(Queries.KpiFacts.RebuildSql + ";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Queries.KpiFacts.FollowedTables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS {table}_kpi_facts_insert ON {table};
                    DROP TRIGGER IF EXISTS {table}_kpi_facts_update ON {table};
                    DROP TRIGGER IF EXISTS {table}_kpi_facts_delete ON {table};
                    DROP TRIGGER IF EXISTS {table}_kpi_facts_truncate ON {table};
                    DROP FUNCTION IF EXISTS kpi_facts_follow_{table}();
                    """);
            }

            migrationBuilder.Sql($"""
                DROP FUNCTION IF EXISTS kpi_facts_rebuild_after_truncate();
                DROP FUNCTION IF EXISTS kpi_facts_rebuild();
                DROP VIEW IF EXISTS {Queries.KpiFacts.LiveView};
                DROP TABLE IF EXISTS {Queries.KpiFacts.Table};
                """);
        }
    }
}
