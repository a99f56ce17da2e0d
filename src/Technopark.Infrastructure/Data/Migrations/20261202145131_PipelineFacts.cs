using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PipelineFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_applications_pipeline_tail",
                table: "applications",
                column: "submitted_at",
                filter: "state <> 'Draft'")
                .Annotation("Npgsql:IndexInclude", new[] { "site_id", "state", "decided_at" });

            // Pre-aggregated pipeline counts (PipelineFacts): kept by triggers in the transaction of every change to an application,
            // read by index only (the primary keys include the count),
            // written only by SECURITY DEFINER functions of the owner (the app role reads them, and cannot call the writers).
            migrationBuilder.Sql($$"""
                CREATE TABLE {{Queries.PipelineFacts.CountsTable}} (
                    level smallint NOT NULL, block integer NOT NULL, site_id integer NOT NULL, state varchar(20) NOT NULL, applications integer NOT NULL,
                    CONSTRAINT pk_pipeline_counts PRIMARY KEY (level, block, site_id, state) INCLUDE (applications));
                CREATE TABLE {{Queries.PipelineFacts.DecisionDaysTable}} (
                    level smallint NOT NULL, block integer NOT NULL, site_id integer NOT NULL, days integer NOT NULL, applications integer NOT NULL,
                    CONSTRAINT pk_pipeline_decision_days PRIMARY KEY (level, block, site_id, days) INCLUDE (applications));

                -- Morocco's day of an instant, as a day number.
                CREATE FUNCTION pipeline_day(at timestamptz) RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS
                $f$ SELECT (at AT TIME ZONE '{{Domain.Common.SiteTime.ZoneId}}')::date - date '{{Queries.PipelineFacts.Epoch}}' $f$;

                CREATE FUNCTION pipeline_facts_add(a_site integer, a_state text, a_submitted timestamptz, a_decided timestamptz, a_delta integer)
                RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                DECLARE
                    a_day integer := pipeline_day(a_submitted);
                BEGIN
                    IF a_state = 'Draft' OR a_submitted IS NULL THEN
                        RETURN;
                    END IF;
                    INSERT INTO {{Queries.PipelineFacts.CountsTable}} AS f (level, block, site_id, state, applications)
                        SELECT k, a_day >> k, a_site, a_state, a_delta FROM generate_series({{Queries.PipelineFacts.FirstLevel}}, {{Queries.PipelineFacts.LastLevel}}) k
                        ON CONFLICT (level, block, site_id, state) DO UPDATE SET applications = f.applications + EXCLUDED.applications;
                    IF a_state IN ('Accepted', 'Rejected', 'Waitlisted') AND a_decided IS NOT NULL THEN
                        INSERT INTO {{Queries.PipelineFacts.DecisionDaysTable}} AS f (level, block, site_id, days, applications)
                            SELECT k, a_day >> k, a_site, pipeline_day(a_decided) - a_day, a_delta
                            FROM generate_series({{Queries.PipelineFacts.FirstLevel}}, {{Queries.PipelineFacts.LastLevel}}) k
                            ON CONFLICT (level, block, site_id, days) DO UPDATE SET applications = f.applications + EXCLUDED.applications;
                    END IF;
                END $f$;
                REVOKE EXECUTE ON FUNCTION pipeline_facts_add(integer, text, timestamptz, timestamptz, integer) FROM PUBLIC;

                CREATE FUNCTION pipeline_facts_follow() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                BEGIN
                    IF TG_OP = 'UPDATE' AND (OLD.site_id, OLD.state, OLD.submitted_at, OLD.decided_at) IS NOT DISTINCT FROM (NEW.site_id, NEW.state, NEW.submitted_at, NEW.decided_at) THEN
                        RETURN NULL;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        PERFORM pipeline_facts_add(OLD.site_id, OLD.state, OLD.submitted_at, OLD.decided_at, -1);
                    END IF;
                    IF TG_OP <> 'DELETE' THEN
                        PERFORM pipeline_facts_add(NEW.site_id, NEW.state, NEW.submitted_at, NEW.decided_at, 1);
                    END IF;
                    RETURN NULL;
                END $f$;
                CREATE TRIGGER applications_pipeline_facts AFTER INSERT OR DELETE OR UPDATE OF site_id, state, submitted_at, decided_at ON applications
                    FOR EACH ROW EXECUTE FUNCTION pipeline_facts_follow();

                CREATE FUNCTION pipeline_facts_clear() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                BEGIN
                    DELETE FROM {{Queries.PipelineFacts.CountsTable}};
                    DELETE FROM {{Queries.PipelineFacts.DecisionDaysTable}};
                    RETURN NULL;
                END $f$;
                CREATE TRIGGER applications_pipeline_facts_truncate AFTER TRUNCATE ON applications
                    FOR EACH STATEMENT EXECUTE FUNCTION pipeline_facts_clear();

                -- The same counts computed from the applications, set-based (level 5 first, higher levels summed from it): what a
                -- rebuild writes, and what the tests compare the tables with.
                CREATE VIEW {{Queries.PipelineFacts.CountsTable}}_live AS
                WITH base AS (
                    SELECT a.site_id, a.state, pipeline_day(a.submitted_at) >> {{Queries.PipelineFacts.FirstLevel}} AS b, count(*) AS n
                    FROM applications a WHERE a.state <> 'Draft' AND a.submitted_at IS NOT NULL
                    GROUP BY 1, 2, 3
                )
                SELECT k::smallint AS level, b >> (k - {{Queries.PipelineFacts.FirstLevel}}) AS block, site_id, state::varchar(20) AS state, sum(n)::int AS applications
                FROM base, generate_series({{Queries.PipelineFacts.FirstLevel}}, {{Queries.PipelineFacts.LastLevel}}) k
                GROUP BY 1, 2, 3, 4;
                CREATE VIEW {{Queries.PipelineFacts.DecisionDaysTable}}_live AS
                WITH base AS (
                    SELECT a.site_id, pipeline_day(a.submitted_at) >> {{Queries.PipelineFacts.FirstLevel}} AS b,
                           pipeline_day(a.decided_at) - pipeline_day(a.submitted_at) AS days, count(*) AS n
                    FROM applications a
                    WHERE a.state IN ('Accepted', 'Rejected', 'Waitlisted') AND a.submitted_at IS NOT NULL AND a.decided_at IS NOT NULL
                    GROUP BY 1, 2, 3
                )
                SELECT k::smallint AS level, b >> (k - {{Queries.PipelineFacts.FirstLevel}}) AS block, site_id, days, sum(n)::int AS applications
                FROM base, generate_series({{Queries.PipelineFacts.FirstLevel}}, {{Queries.PipelineFacts.LastLevel}}) k
                GROUP BY 1, 2, 3, 4;

                CREATE FUNCTION pipeline_facts_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                BEGIN
                    DELETE FROM {{Queries.PipelineFacts.CountsTable}};
                    DELETE FROM {{Queries.PipelineFacts.DecisionDaysTable}};
                    INSERT INTO {{Queries.PipelineFacts.CountsTable}} SELECT * FROM {{Queries.PipelineFacts.CountsTable}}_live;
                    INSERT INTO {{Queries.PipelineFacts.DecisionDaysTable}} SELECT * FROM {{Queries.PipelineFacts.DecisionDaysTable}}_live;
                END $f$;
                REVOKE EXECUTE ON FUNCTION pipeline_facts_rebuild() FROM PUBLIC;

                SELECT pipeline_facts_rebuild();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                DROP TRIGGER IF EXISTS applications_pipeline_facts ON applications;
                DROP TRIGGER IF EXISTS applications_pipeline_facts_truncate ON applications;
                DROP FUNCTION IF EXISTS pipeline_facts_rebuild();
                DROP FUNCTION IF EXISTS pipeline_facts_clear();
                DROP FUNCTION IF EXISTS pipeline_facts_follow();
                DROP FUNCTION IF EXISTS pipeline_facts_add(integer, text, timestamptz, timestamptz, integer);
                DROP VIEW IF EXISTS {{Queries.PipelineFacts.CountsTable}}_live;
                DROP VIEW IF EXISTS {{Queries.PipelineFacts.DecisionDaysTable}}_live;
                DROP FUNCTION IF EXISTS pipeline_day(timestamptz);
                DROP TABLE IF EXISTS {{Queries.PipelineFacts.CountsTable}};
                DROP TABLE IF EXISTS {{Queries.PipelineFacts.DecisionDaysTable}};
                """);

            migrationBuilder.DropIndex(
                name: "ix_applications_pipeline_tail",
                table: "applications");
        }
    }
}
