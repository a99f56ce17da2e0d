namespace Technopark.Infrastructure.Data.Queries;

/// <summary>
/// The SQL that installs (and removes) figures kept in blocks of 2^k days (<see cref="OccupancyFacts"/>, <see cref="KpiFacts"/>, <see cref="BillingFacts"/>):
/// the table (its primary key includes the figures, read by index only), the live view the tests compare it with, a rebuild
/// (SECURITY DEFINER, not callable by the app role), per followed table a statement trigger for each of INSERT, UPDATE and
/// DELETE with its transition tables, and a TRUNCATE trigger that rebuilds.
/// <para>
/// A statement's trigger does not update the blocks: it stages the statement's changes per <see cref="Partition"/> and day in
/// <see cref="StagedTable"/> and marks the transaction in <see cref="FoldsTable"/>, whose deferred constraint trigger folds the
/// staged changes into the blocks when the transaction commits, each block once and in the key's order. Updating the same blocks
/// once per statement made each update walk the versions the transaction had already written: issuing a site's 862 invoices took
/// 4.2 s instead of 0.6, importing 2,000 spaces 13 s. Another transaction's staged rows are not visible before it commits, and
/// it folds them itself before it does: the fold takes every staged row it sees.
/// </para>
/// </summary>
/// <param name="Name">The prefix of the functions and triggers, <c>…_facts</c>.</param>
/// <param name="Partition">The key's column after the level and the block, with its type (<c>site_id integer</c>).</param>
/// <param name="MeasureColumns">The measures' column definitions.</param>
/// <param name="FollowSql">What a statement of a followed table for an operation changes (INSERT, UPDATE, DELETE).</param>
public sealed record BlockFacts(
    string Name, string Table, string Partition, string MeasureColumns, string Measures, string LiveView, string LiveSql,
    IReadOnlyList<string> FollowedTables, Func<string, string, FollowedChanges> FollowSql, Func<int, int, string> PartSql)
{
    public static readonly BlockFacts Occupancy = new(
        "occupancy_facts", OccupancyFacts.Table, "site_id integer", OccupancyFacts.MeasureColumns, OccupancyFacts.Measures, OccupancyFacts.LiveView, OccupancyFacts.LiveChangesSql, OccupancyFacts.FollowedTables, OccupancyFacts.FollowSql, OccupancyFacts.PartSql);

    public static readonly BlockFacts Kpis = new(
        "kpi_facts", KpiFacts.Table, "declared boolean", KpiFacts.MeasureColumns, KpiFacts.Measures, KpiFacts.LiveView, KpiFacts.LiveChangesSql, KpiFacts.FollowedTables, KpiFacts.FollowSql, KpiFacts.PartSql);

    public static readonly BlockFacts Billing = new(
        "billing_facts", BillingFacts.Table, "site_id integer", BillingFacts.MeasureColumns,
        BillingFacts.Measures, BillingFacts.LiveView, BillingFacts.LiveChangesSql, BillingFacts.FollowedTables, BillingFacts.FollowSql, BillingFacts.PartSql);

    /// <summary>Every kind of block the database keeps.</summary>
    public static readonly IReadOnlyList<BlockFacts> All = [Occupancy, Kpis, Billing];

    /// <summary>The key's column after the level and the block (<c>site_id</c>, <c>declared</c>).</summary>
    public string PartitionColumn => Partition.Split(' ')[0];

    /// <summary>The table's primary key.</summary>
    public string Key => $"level, block, {PartitionColumn}";

    /// <summary>The changes of the current transaction not yet in the blocks (empty outside a transaction that changed them).</summary>
    public string StagedTable => $"{Stem}_changes";

    /// <summary>One row per transaction with staged changes: its deferred trigger folds them when the transaction commits.</summary>
    public string FoldsTable => $"{Stem}_folds";

    /// <summary>The tables the app's role may read but not write.</summary>
    public IEnumerable<string> Tables => [Table, StagedTable, FoldsTable];

    private string Stem => Name[..^"_facts".Length];

    private string[] MeasureList => Measures.Split(", ");

    /// <summary>
    /// The transition tables of a statement trigger of <paramref name="table"/> for <paramref name="operation"/>: <c>old_rows</c>
    /// and <c>new_rows</c>, <see cref="NoRows"/> where the operation has none (INSERT has no old rows, DELETE no new ones).
    /// </summary>
    public static (string OldRows, string NewRows) TransitionRows(string table, string operation) =>
        (operation == "INSERT" ? NoRows(table) : "old_rows", operation == "DELETE" ? NoRows(table) : "new_rows");

    /// <summary>
    /// An empty set of <paramref name="table"/>'s rows, read from its row type, not the table: PostgreSQL may plan
    /// "SELECT … FROM invoices WHERE false" as a parallel scan whose workers it starts and stops on every statement (the monthly
    /// billing run's drafts took 9 s instead of 1).
    /// </summary>
    public static string NoRows(string table) => $"(SELECT (NULL::{table}).* WHERE false)";

    /// <summary>
    /// A trigger's statement that locks the rows of <paramref name="table"/> whose ids <paramref name="ids"/> selects, in id order
    /// (FOR NO KEY UPDATE, as the app's own locks on spaces and companies; held until the transaction ends). A unit whose
    /// figures are not a sum over its rows (a company is resident while any of its stays holds, a coworking space holds its
    /// seats at most) must be worked out from all its rows: a transaction that changes its rows waits until another that
    /// changed them ends, and the trigger's next statement sees what that one committed. Without it, two transactions adding a
    /// stay to the same company at once each counted it resident, and the blocks kept both.
    /// </summary>
    public static string LockRows(string table, string ids) => $"PERFORM 1 FROM {table} WHERE id IN ({ids}) ORDER BY id FOR NO KEY UPDATE;";

    /// <summary>
    /// Locks the spaces, then the companies, of a statement's stays (<paramref name="oldRows"/> and <paramref name="newRows"/>):
    /// the order of every trigger on stays, and of the app, which locks a stay's space before it writes it.
    /// </summary>
    public static string LockStays(string oldRows, string newRows) =>
        LockRows("spaces", Touched("space_id", oldRows, newRows)) + "\n" + LockRows("companies", Touched("company_id", oldRows, newRows));

    /// <summary>The distinct <paramref name="columns"/> of a statement's rows, before (<paramref name="oldRows"/>) and after it.</summary>
    public static string Touched(string columns, string oldRows, string newRows) =>
        $"SELECT {columns} FROM {oldRows} o UNION SELECT {columns} FROM {newRows} n";

    /// <summary>
    /// The condition that an UPDATE changed one of <paramref name="columns"/> (those the blocks read) of a row of its transition
    /// tables: an update of other columns changes no figure, and is not worked out.
    /// </summary>
    public static string ChangedAnyOf(string columns) =>
        $"EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ({Qualified("n", columns)}) IS DISTINCT FROM ({Qualified("o", columns)}))";

    /// <summary><c>t.a, t.b</c> for the columns <c>a, b</c> and the alias <c>t</c>.</summary>
    public static string Qualified(string alias, string columns) => string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));

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
            INSERT INTO {Table} SELECT {Key}, {string.Join(", ", MeasureList.Select(m => $"sum({m})"))} FROM {stage} GROUP BY {Key};
            DROP TABLE {stage};
            """], 1, cancellationToken);
    }

    /// <summary>
    /// The body of a followed table's statement trigger for <paramref name="operation"/>: stages what the statement changes
    /// (<see cref="FollowSql"/>) and marks the transaction to fold it at commit.
    /// </summary>
    public string StageSql(string table, string operation)
    {
        var followed = FollowSql(table, operation);
        var stage = $"""
            {followed.Lock}
            WITH {followed.DayChanges}
            INSERT INTO {StagedTable} ({PartitionColumn}, day, {Measures}) SELECT {PartitionColumn}, day, {Measures} FROM day_changes;
            IF FOUND THEN
                INSERT INTO {FoldsTable} (transaction_id) VALUES (txid_current()) ON CONFLICT DO NOTHING;
            END IF;
            """;
        return followed.Only is null ? stage : $"IF {followed.Only} THEN\n{stage}\nEND IF;";
    }

    /// <summary>Takes the staged changes out and adds them to the blocks, each block once, in the key's order.</summary>
    private string FoldStatement()
    {
        string Sums(string format) => string.Join(", ", MeasureList.Select(m => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, m) + $" AS {m}"));
        return $"""
            WITH staged AS (
                DELETE FROM {StagedTable} RETURNING {PartitionColumn}, day, {Measures}
            ), day_changes AS (
                SELECT {PartitionColumn}, day, {Sums("sum({0})")}
                FROM staged
                GROUP BY 1, 2
                HAVING {string.Join(" OR ", MeasureList.Select(m => $"sum({m}) <> 0"))}
            )
            INSERT INTO {Table} AS b ({Key}, {Measures})
            SELECT k::smallint AS level, (c.day >> k) AS block, c.{PartitionColumn}, {Sums("sum(c.{0})")}
            FROM day_changes c, generate_series(0, {OccupancyFacts.LastLevel}) k
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            ON CONFLICT ({Key}) DO UPDATE SET {string.Join(", ", MeasureList.Select(m => $"{m} = b.{m} + EXCLUDED.{m}"))}
            """;
    }

    public IEnumerable<string> InstallSql()
    {
        yield return $$"""
            CREATE TABLE {{Table}} (level smallint NOT NULL, block integer NOT NULL, {{Partition}} NOT NULL, {{MeasureColumns}},
                CONSTRAINT pk_{{Table}} PRIMARY KEY ({{Key}}) INCLUDE ({{Measures}}));

            CREATE VIEW {{LiveView}} AS {{LiveSql}};
            """;
        yield return FunctionsSql();
        foreach (var sql in FollowInstallSql())
        {
            yield return sql;
        }

        yield return $"SELECT {Name}_rebuild();";
    }

    /// <summary>
    /// The rebuild, the staging tables, the fold (SECURITY DEFINER: the app role runs none of them and writes none of the tables)
    /// and the constraint trigger that folds at commit; what is there already is kept or replaced.
    /// </summary>
    private string FunctionsSql() => $$"""
        CREATE OR REPLACE FUNCTION {{Name}}_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
        BEGIN
            DELETE FROM {{Table}};
            INSERT INTO {{Table}} SELECT * FROM {{LiveView}};
            -- The rows as they are count this transaction's staged changes already.
            DELETE FROM {{StagedTable}};
        END $f$;
        REVOKE EXECUTE ON FUNCTION {{Name}}_rebuild() FROM PUBLIC;

        CREATE OR REPLACE FUNCTION {{Name}}_rebuild_after_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
        BEGIN
            PERFORM {{Name}}_rebuild();
            RETURN NULL;
        END $f$;

        CREATE TABLE IF NOT EXISTS {{StagedTable}} ({{Partition}} NOT NULL, day integer NOT NULL, {{MeasureColumns}});
        CREATE TABLE IF NOT EXISTS {{FoldsTable}} (transaction_id bigint PRIMARY KEY);

        CREATE OR REPLACE FUNCTION {{Name}}_fold() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
        BEGIN
            DELETE FROM {{FoldsTable}} WHERE transaction_id = txid_current();
            {{FoldStatement()}};
            RETURN NULL;
        END $f$;
        REVOKE EXECUTE ON FUNCTION {{Name}}_fold() FROM PUBLIC;
        DROP TRIGGER IF EXISTS {{FoldsTable}}_fold ON {{FoldsTable}};
        CREATE CONSTRAINT TRIGGER {{FoldsTable}}_fold AFTER INSERT ON {{FoldsTable}} DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION {{Name}}_fold();
        """;

    private IEnumerable<string> FollowInstallSql()
    {
        foreach (var table in FollowedTables)
        {
            yield return $$"""
                CREATE FUNCTION {{Name}}_follow_{{table}}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        {{StageSql(table, "INSERT")}}
                    ELSIF TG_OP = 'UPDATE' THEN
                        {{StageSql(table, "UPDATE")}}
                    ELSE
                        {{StageSql(table, "DELETE")}}
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
    }

    /// <summary>Removes and installs again (the SQL of today's code): what a migration that changes the SQL runs.</summary>
    public IEnumerable<string> ReinstallSql() => UninstallSql().Concat(InstallSql());

    /// <summary>
    /// Replaces the functions and the followed tables' triggers with today's and adds the staging and the fold if they are
    /// missing, the blocks left as they are: what a migration that changes only how the blocks are kept runs (no rebuild).
    /// </summary>
    public IEnumerable<string> RefollowSql()
    {
        yield return UninstallFollowSql();
        yield return FunctionsSql();
        foreach (var sql in FollowInstallSql())
        {
            yield return sql;
        }
    }

    private string UninstallFollowSql() => string.Join("\n", FollowedTables.Select(table => $"""
        DROP TRIGGER IF EXISTS {table}_{Name}_insert ON {table};
        DROP TRIGGER IF EXISTS {table}_{Name}_update ON {table};
        DROP TRIGGER IF EXISTS {table}_{Name}_delete ON {table};
        DROP TRIGGER IF EXISTS {table}_{Name}_truncate ON {table};
        DROP FUNCTION IF EXISTS {Name}_follow_{table}();
        """));

    public IEnumerable<string> UninstallSql()
    {
        yield return UninstallFollowSql();
        yield return $"""
            DROP TABLE IF EXISTS {FoldsTable};
            DROP FUNCTION IF EXISTS {Name}_fold();
            DROP TABLE IF EXISTS {StagedTable};
            DROP FUNCTION IF EXISTS {Name}_rebuild_after_truncate();
            DROP FUNCTION IF EXISTS {Name}_rebuild();
            DROP VIEW IF EXISTS {LiveView};
            DROP TABLE IF EXISTS {Table};
            """;
    }
}

/// <summary>
/// What a statement of a followed table changes: <paramref name="DayChanges"/>, CTEs (without WITH) whose last,
/// <c>day_changes</c>, has the changes per partition and day <c>(partition, day number, measures…)</c>; <paramref name="Only"/>,
/// a condition without which the statement changes nothing (then not worked out at all); <paramref name="Lock"/>, statements
/// run before it that lock the units it works out (<see cref="BlockFacts.LockRows"/>).
/// </summary>
public sealed record FollowedChanges(string DayChanges, string? Only = null, string? Lock = null);
