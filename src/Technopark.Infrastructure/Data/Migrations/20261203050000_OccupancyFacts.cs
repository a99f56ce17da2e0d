using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Technopark.Infrastructure.Data.Queries;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Occupancy kept by the database (<see cref="OccupancyFacts"/>): the blocks table, statement triggers with transition
    /// tables on the tables it follows (SECURITY DEFINER functions of the owner; the app role reads the blocks only), a
    /// TRUNCATE of any of them rebuilds, and the live view the tests compare with. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261203050000_OccupancyFacts")]
    public partial class OccupancyFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var measures = Queries.OccupancyFacts.Measures.Split(", ");
            migrationBuilder.Sql($$"""
                CREATE TABLE {{Queries.OccupancyFacts.Table}} (
                    level smallint NOT NULL, block integer NOT NULL, site_id integer NOT NULL,
                    {{string.Join(", ", measures.Select(m => $"{m} integer NOT NULL"))}},
                    CONSTRAINT pk_occupancy_blocks PRIMARY KEY (level, block, site_id) INCLUDE ({{Queries.OccupancyFacts.Measures}}));

                CREATE VIEW {{Queries.OccupancyFacts.LiveView}} AS {{Queries.OccupancyFacts.LiveChangesSql}};

                CREATE FUNCTION occupancy_facts_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                BEGIN
                    DELETE FROM {{Queries.OccupancyFacts.Table}};
                    INSERT INTO {{Queries.OccupancyFacts.Table}} SELECT * FROM {{Queries.OccupancyFacts.LiveView}};
                END $f$;
                REVOKE EXECUTE ON FUNCTION occupancy_facts_rebuild() FROM PUBLIC;

                CREATE FUNCTION occupancy_facts_rebuild_after_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                BEGIN
                    PERFORM occupancy_facts_rebuild();
                    RETURN NULL;
                END $f$;
                """);
            foreach (var table in Queries.OccupancyFacts.FollowedTables)
            {
                migrationBuilder.Sql($$"""
                    CREATE FUNCTION occupancy_facts_follow_{{table}}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                    BEGIN
                        IF TG_OP = 'INSERT' THEN
                            {{Queries.OccupancyFacts.FollowSql(table, "INSERT")}};
                        ELSIF TG_OP = 'UPDATE' THEN
                            {{Queries.OccupancyFacts.FollowSql(table, "UPDATE")}};
                        ELSE
                            {{Queries.OccupancyFacts.FollowSql(table, "DELETE")}};
                        END IF;
                        RETURN NULL;
                    END $f$;
                    CREATE TRIGGER {{table}}_occupancy_facts_insert AFTER INSERT ON {{table}} REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION occupancy_facts_follow_{{table}}();
                    CREATE TRIGGER {{table}}_occupancy_facts_update AFTER UPDATE ON {{table}} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION occupancy_facts_follow_{{table}}();
                    CREATE TRIGGER {{table}}_occupancy_facts_delete AFTER DELETE ON {{table}} REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION occupancy_facts_follow_{{table}}();
                    CREATE TRIGGER {{table}}_occupancy_facts_truncate AFTER TRUNCATE ON {{table}}
                        FOR EACH STATEMENT EXECUTE FUNCTION occupancy_facts_rebuild_after_truncate();
                    """);
            }

            migrationBuilder.Sql(Queries.OccupancyFacts.RebuildSql + ";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Queries.OccupancyFacts.FollowedTables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS {table}_occupancy_facts_insert ON {table};
                    DROP TRIGGER IF EXISTS {table}_occupancy_facts_update ON {table};
                    DROP TRIGGER IF EXISTS {table}_occupancy_facts_delete ON {table};
                    DROP TRIGGER IF EXISTS {table}_occupancy_facts_truncate ON {table};
                    DROP FUNCTION IF EXISTS occupancy_facts_follow_{table}();
                    """);
            }

            migrationBuilder.Sql($"""
                DROP FUNCTION IF EXISTS occupancy_facts_rebuild_after_truncate();
                DROP FUNCTION IF EXISTS occupancy_facts_rebuild();
                DROP VIEW IF EXISTS {Queries.OccupancyFacts.LiveView};
                DROP TABLE IF EXISTS {Queries.OccupancyFacts.Table};
                """);
        }
    }
}
