namespace Technopark.Infrastructure.Data.Queries;

/// <summary>
/// The SQL that installs (and removes) figures kept in blocks of 2^k days (<see cref="OccupancyFacts"/>, <see cref="KpiFacts"/>, <see cref="BillingFacts"/>):
/// the table (its primary key includes the figures, read by index only), the live view the tests compare it with, a rebuild
/// (SECURITY DEFINER, not callable by the app role), and per followed table a statement trigger for each of INSERT, UPDATE
/// and DELETE with its transition tables, and a TRUNCATE trigger that rebuilds.
/// </summary>
public sealed record BlockFacts(
    string Name, string Table, string Key, string Columns, string Measures, string LiveView, string LiveSql,
    IReadOnlyList<string> FollowedTables, Func<string, string, string> FollowSql, Func<int, int, string> PartSql)
{
    public static readonly BlockFacts Occupancy = new(
        "occupancy_facts", OccupancyFacts.Table, OccupancyFacts.Key,
        "level smallint NOT NULL, block integer NOT NULL, site_id integer NOT NULL, " + string.Join(", ", OccupancyFacts.Measures.Split(", ").Select(m => $"{m} integer NOT NULL")),
        OccupancyFacts.Measures, OccupancyFacts.LiveView, OccupancyFacts.LiveChangesSql, OccupancyFacts.FollowedTables, OccupancyFacts.FollowSql, OccupancyFacts.PartSql);

    public static readonly BlockFacts Kpis = new(
        "kpi_facts", KpiFacts.Table, KpiFacts.Key,
        "level smallint NOT NULL, block integer NOT NULL, declared boolean NOT NULL, "
            + string.Join(", ", KpiFacts.Measures.Split(", ").Select(m => $"{m} {(KpiFacts.Amounts.Contains(m) ? "numeric" : "integer")} NOT NULL")),
        KpiFacts.Measures, KpiFacts.LiveView, KpiFacts.LiveChangesSql, KpiFacts.FollowedTables, KpiFacts.FollowSql, KpiFacts.PartSql);

    public static readonly BlockFacts Billing = new(
        "billing_facts", BillingFacts.Table, BillingFacts.Key,
        "level smallint NOT NULL, block integer NOT NULL, site_id integer NOT NULL, " + BillingFacts.MeasureColumns,
        BillingFacts.Measures, BillingFacts.LiveView, BillingFacts.LiveChangesSql, BillingFacts.FollowedTables, BillingFacts.FollowSql, BillingFacts.PartSql);

    /// <summary>
    /// The transition tables of a statement trigger of <paramref name="table"/> for <paramref name="operation"/>: <c>old_rows</c>
    /// and <c>new_rows</c>, an empty set of the table's rows where the operation has none (INSERT has no old rows, DELETE no new ones).
    /// </summary>
    public static (string OldRows, string NewRows) TransitionRows(string table, string operation) =>
        (operation == "INSERT" ? $"(SELECT * FROM {table} WHERE false)" : "old_rows", operation == "DELETE" ? $"(SELECT * FROM {table} WHERE false)" : "new_rows");

    /// <summary>
    /// Adds the blocks that <paramref name="blocksSql"/> selects (a WITH statement whose last SELECT begins with the level) to
    /// <paramref name="table"/>, summed into existing rows of the same <paramref name="key"/>.
    /// </summary>
    public static string AddSql(string table, string key, string measures, string blocksSql) =>
        blocksSql.Replace("SELECT k::smallint AS level", $"INSERT INTO {table} AS b ({key}, {measures})\nSELECT k::smallint AS level", StringComparison.Ordinal)
        + $"\nON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", measures.Split(", ").Select(m => $"{m} = b.{m} + EXCLUDED.{m}"))}";

    /// <summary>
    /// The condition that puts a row in part <paramref name="part"/> of <paramref name="parts"/> by <paramref name="column"/>
    /// (an id): true for a single part.
    /// </summary>
    public static string InPart(string column, int part, int parts) => parts == 1 ? "true" : $"{column} % {parts} = {part}";

    /// <summary>
    /// Rebuilds the table from every row as <see cref="PartSql"/>'s <paramref name="parts"/> parts, computed on
    /// <paramref name="connections"/> connections at once into an unlogged staging table and then summed by key: what a
    /// bulk load does after it (the rebuild function is one statement on one core, and its sorts spill to disk at 1000×).
    /// <paramref name="connectionString"/> is the owner's.
    /// </summary>
    public async Task RebuildInPartsAsync(string connectionString, int parts, int connections, CancellationToken cancellationToken = default)
    {
        var stage = $"{Table}_parts";
        await ParallelStatements.RunAsync(connectionString, [$"DROP TABLE IF EXISTS {stage}; CREATE UNLOGGED TABLE {stage} (LIKE {Table}) WITH (autovacuum_enabled = false)"], 1, cancellationToken);
        await ParallelStatements.RunAsync(connectionString, Enumerable.Range(0, parts).Select(part => $"INSERT INTO {stage}\n{PartSql(part, parts)}"), connections, cancellationToken);
        await ParallelStatements.RunAsync(connectionString, [$"""
            DELETE FROM {Table};
            INSERT INTO {Table} SELECT {Key}, {string.Join(", ", Measures.Split(", ").Select(m => $"sum({m})"))} FROM {stage} GROUP BY {Key};
            DROP TABLE {stage};
            """], 1, cancellationToken);
    }

    public IEnumerable<string> InstallSql()
    {
        yield return $$"""
            CREATE TABLE {{Table}} ({{Columns}}, CONSTRAINT pk_{{Table}} PRIMARY KEY ({{Key}}) INCLUDE ({{Measures}}));

            CREATE VIEW {{LiveView}} AS {{LiveSql}};

            CREATE FUNCTION {{Name}}_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
            BEGIN
                DELETE FROM {{Table}};
                INSERT INTO {{Table}} SELECT * FROM {{LiveView}};
            END $f$;
            REVOKE EXECUTE ON FUNCTION {{Name}}_rebuild() FROM PUBLIC;

            CREATE FUNCTION {{Name}}_rebuild_after_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
            BEGIN
                PERFORM {{Name}}_rebuild();
                RETURN NULL;
            END $f$;
            """;
        foreach (var table in FollowedTables)
        {
            yield return $$"""
                CREATE FUNCTION {{Name}}_follow_{{table}}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        {{FollowSql(table, "INSERT")}};
                    ELSIF TG_OP = 'UPDATE' THEN
                        {{FollowSql(table, "UPDATE")}};
                    ELSE
                        {{FollowSql(table, "DELETE")}};
                    END IF;
                    RETURN NULL;
                END $f$;
                CREATE TRIGGER {{table}}_{{Name}}_insert AFTER INSERT ON {{table}} REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION {{Name}}_follow_{{table}}();
                CREATE TRIGGER {{table}}_{{Name}}_update AFTER UPDATE ON {{table}} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION {{Name}}_follow_{{table}}();
                CREATE TRIGGER {{table}}_{{Name}}_delete AFTER DELETE ON {{table}} REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION {{Name}}_follow_{{table}}();
                CREATE TRIGGER {{table}}_{{Name}}_truncate AFTER TRUNCATE ON {{table}}
                    FOR EACH STATEMENT EXECUTE FUNCTION {{Name}}_rebuild_after_truncate();
                """;
        }

        yield return $"SELECT {Name}_rebuild();";
    }

    /// <summary>Removes and installs again (the SQL of today's code): what a migration that changes the SQL runs.</summary>
    public IEnumerable<string> ReinstallSql() => UninstallSql().Concat(InstallSql());

    public IEnumerable<string> UninstallSql()
    {
        foreach (var table in FollowedTables)
        {
            yield return $"""
                DROP TRIGGER IF EXISTS {table}_{Name}_insert ON {table};
                DROP TRIGGER IF EXISTS {table}_{Name}_update ON {table};
                DROP TRIGGER IF EXISTS {table}_{Name}_delete ON {table};
                DROP TRIGGER IF EXISTS {table}_{Name}_truncate ON {table};
                DROP FUNCTION IF EXISTS {Name}_follow_{table}();
                """;
        }

        yield return $"""
            DROP FUNCTION IF EXISTS {Name}_rebuild_after_truncate();
            DROP FUNCTION IF EXISTS {Name}_rebuild();
            DROP VIEW IF EXISTS {LiveView};
            DROP TABLE IF EXISTS {Table};
            """;
    }
}
