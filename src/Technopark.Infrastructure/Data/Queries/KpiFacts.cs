using Technopark.Domain.Network;

namespace Technopark.Infrastructure.Data.Queries;

/// <summary>
/// The reported KPI figures kept by the database, per mode (validated declarations only, or declared ones too): the
/// population of companies that report and, over it, jobs, revenue and funds with their coverage; the 5-year survival
/// cohort with its known active and inactive companies. Each company is a step function of the day: it enters the
/// population at its first stay's start and leaves when it closes or some years after it left, enters the cohort some
/// years after it left, and its latest counted declaration changes at the end of each declared period. The function is
/// evaluated with <see cref="NetworkQueries.KpiLiveSql"/>'s own conditions on the days it may change (so a 29 February
/// exit counts from the right day), and its changes are summed into blocks of 2^k days as
/// <see cref="OccupancyFacts"/> does (migration <c>KpiFacts</c>): a day reads at most 17 blocks per mode. Statement
/// triggers on companies, assignments and declarations stage their changes, folded into the blocks when the transaction
/// commits (<see cref="BlockFacts"/>).
/// </summary>
public static class KpiFacts
{
    public const string Table = "kpi_blocks";

    public const string LiveView = "kpi_blocks_live";

    public const string Measures = "population, jobs, jobs_covered, revenue, funds, yearly_covered, survival_cohort, survival_active, survival_inactive";

    /// <summary>The measures that hold amounts (numeric); the others count companies.</summary>
    public static readonly IReadOnlySet<string> Amounts = new HashSet<string> { "jobs", "revenue", "funds" };

    private static readonly string[] MeasureList = Measures.Split(", ");

    /// <summary>The measures' column definitions (amounts or counts of companies), in the blocks and the staged changes.</summary>
    public static readonly string MeasureColumns = string.Join(", ", MeasureList.Select(m => $"{m} {(Amounts.Contains(m) ? "numeric" : "integer")} NOT NULL"));

    private const string Epoch = OccupancyFacts.Epoch;

    private static readonly string Survival = $"interval '{ReportedFigures.SurvivalYears} years'";

    private static readonly string Alumni = $"interval '{ReportedFigures.AlumniYears} years'";

    /// <summary>
    /// SQL (CTEs then a SELECT of blocks) of the changes of the given companies <c>(sign, id, exit_reason, exited_on)</c>, with
    /// their stays' starts <c>(sign, company_id, start_on)</c> and declarations <c>(sign, company_id, year, quarter, status,
    /// headcount, revenue, still_active, funds)</c>: sign −1 for the rows before a statement, +1 after.
    /// </summary>
    public static string ChangesSql(string companies, string starts, string declarations) => $"""
        {DayChangesCtes(companies, starts, declarations)}
        SELECT k::smallint AS level, (c.day >> k) AS block, c.declared, {string.Join(", ", MeasureList.Select(m => $"sum(c.{m})::{(Amounts.Contains(m) ? "numeric" : "int")} AS {m}"))}
        FROM day_changes c, generate_series(0, {OccupancyFacts.LastLevel}) k
        GROUP BY 1, 2, 3
        """;

    /// <summary><see cref="ChangesSql"/>'s CTEs, the last one <c>day_changes (declared, day number, measures…)</c>.</summary>
    private static string DayChangesCtes(string companies, string starts, string declarations) => $"""
        units AS (
            SELECT sign, id AS company_id, exit_reason, exited_on FROM ({companies}) c
        ), firsts AS (
            SELECT s.sign, s.company_id, min(s.start_on) AS first_start FROM ({starts}) s GROUP BY s.sign, s.company_id
        ), decl AS (
            SELECT d.sign, d.company_id, m.declared, d.year, d.quarter, d.headcount, d.revenue, d.still_active, d.funds,
                   (make_date(d.year, coalesce(d.quarter * 3, 12), 1) + interval '1 month')::date AS period_end
            FROM ({declarations}) d CROSS JOIN (VALUES (false), (true)) m(declared)
            WHERE m.declared OR d.status = 'Validated'
        ), bounds AS (
            SELECT DISTINCT x.sign, x.company_id, m.declared, greatest(x.day, date '{Epoch}') AS day
            FROM (
                SELECT u.sign, u.company_id, v.day
                FROM units u CROSS JOIN LATERAL (VALUES (date '{Epoch}'), (u.exited_on),
                    ((u.exited_on + {Survival})::date), ((u.exited_on + {Survival})::date + 1),
                    ((u.exited_on + {Alumni})::date), ((u.exited_on + {Alumni})::date + 1)) v(day)
                UNION ALL SELECT f.sign, f.company_id, f.first_start FROM firsts f
                UNION ALL SELECT d.sign, d.company_id, d.period_end FROM decl d
            ) x
            JOIN units u ON u.sign = x.sign AND u.company_id = x.company_id
            CROSS JOIN (VALUES (false), (true)) m(declared)
            WHERE x.day IS NOT NULL
        ), timeline AS (
            SELECT sign, company_id, declared, period_end AS day, 0 AS ord, (quarter IS NULL) AS yearly, headcount, still_active, period_end, revenue, funds
            FROM decl
            UNION ALL
            SELECT sign, company_id, declared, day, 1, false, NULL, NULL, NULL, NULL, NULL FROM bounds
        ), running AS (
            -- Each day after the declarations that end on it (a yearly one after the Q4 of its year): grp numbers the
            -- counted declarations so far, ygrp the yearly ones, yfunds sums the funds of the yearly ones.
            SELECT t.*,
                   count(*) FILTER (WHERE ord = 0) OVER w AS grp,
                   count(*) FILTER (WHERE ord = 0 AND yearly) OVER w AS ygrp,
                   sum(funds) FILTER (WHERE ord = 0 AND yearly) OVER w AS yfunds
            FROM timeline t
            WINDOW w AS (PARTITION BY sign, company_id, declared ORDER BY day, ord, yearly ROWS UNBOUNDED PRECEDING)
        ), carried AS (
            -- The latest counted declaration is the first row of its grp (the one that opened it), the latest yearly one the
            -- first of its ygrp: carried forward to the days that follow.
            SELECT sign, company_id, declared, day, ord, grp, ygrp, yfunds,
                   first_value(headcount) OVER l AS headcount, first_value(still_active) OVER l AS still_active,
                   first_value(period_end) OVER l AS period_end,
                   first_value(revenue) OVER (PARTITION BY sign, company_id, declared, ygrp ORDER BY day, ord, yearly) AS revenue
            FROM running
            WINDOW l AS (PARTITION BY sign, company_id, declared, grp ORDER BY day, ord, yearly)
        ), vals AS (
            SELECT c.sign, c.company_id, c.declared, c.day,
                   coalesce(f.first_start <= c.day AND (u.exited_on IS NULL OR u.exited_on > c.day
                       OR (u.exit_reason IS DISTINCT FROM 'Closed' AND u.exited_on > (c.day - {Alumni})::date)), false) AS pop,
                   coalesce(u.exited_on <= (c.day - {Survival})::date, false) AS cohort,
                   u.exit_reason, u.exited_on, c.headcount, c.still_active, c.period_end, c.grp > 0 AS has_latest,
                   c.revenue, c.yfunds AS funds, c.ygrp > 0 AS has_yearly
            FROM carried c
            JOIN units u ON u.sign = c.sign AND u.company_id = c.company_id
            LEFT JOIN firsts f ON f.sign = c.sign AND f.company_id = c.company_id
            WHERE c.ord = 1
        ), figures AS (
            SELECT sign, company_id, declared, day,
                   pop::int AS population,
                   CASE WHEN pop THEN coalesce(headcount, 0) ELSE 0 END AS jobs,
                   (pop AND has_latest)::int AS jobs_covered,
                   CASE WHEN pop THEN coalesce(revenue, 0) ELSE 0 END AS revenue,
                   CASE WHEN pop THEN coalesce(funds, 0) ELSE 0 END AS funds,
                   (pop AND has_yearly)::int AS yearly_covered,
                   cohort::int AS survival_cohort,
                   (cohort AND coalesce(exit_reason IS DISTINCT FROM 'Closed' AND still_active AND period_end - 1 >= (exited_on + {Survival})::date, false))::int AS survival_active,
                   (cohort AND coalesce(exit_reason = 'Closed' OR still_active = false, false))::int AS survival_inactive
            FROM vals
        ), changes AS (
            SELECT declared, day - date '{Epoch}' AS day,
                   {string.Join(",\n                   ", MeasureList.Select(m => $"sign * ({m} - lag({m}, 1, 0) OVER w) AS {m}"))}
            FROM figures
            WINDOW w AS (PARTITION BY sign, company_id, declared ORDER BY day)
        ), day_changes AS (
            SELECT declared, day, {string.Join(", ", MeasureList.Select(m => $"sum({m}) AS {m}"))}
            FROM changes GROUP BY declared, day
            HAVING {string.Join(" OR ", MeasureList.Select(m => $"sum({m}) <> 0"))}
        )
        """;

    private static FollowedChanges Changes(string prefix, string companies, string starts, string declarations) =>
        new(prefix + DayChangesCtes(companies, starts, declarations));

    private const string DeclarationColumns = "company_id, year, quarter, status, headcount, revenue, still_active, funds_grant + funds_loan + funds_equity + funds_prize AS funds";

    /// <summary>Every company from the rows as they are.</summary>
    public static readonly string LiveChangesSql = PartSql(0, 1);

    /// <inheritdoc cref="PartSql(int, int, string)"/>
    public static string PartSql(int part, int parts) => PartSql(part, parts, "assignments");

    /// <summary>
    /// The blocks of part <paramref name="part"/> of <paramref name="parts"/> of the companies (those whose id is
    /// <paramref name="part"/> modulo <paramref name="parts"/>): the parts' blocks summed by key are the whole. The stays'
    /// starts are read from <paramref name="stays"/>, any table with their <c>company_id</c> and <c>start_on</c> (only each
    /// company's first start counts): a bulk load passes a table of the first starts, so that the blocks do not read the
    /// stays while their exclusion constraint is built.
    /// </summary>
    public static string PartSql(int part, int parts, string stays)
    {
        string Of(string column) => BlockFacts.InPart(column, part, parts);
        return "WITH " + ChangesSql(
            $"SELECT 1 AS sign, id, exit_reason, exited_on FROM companies WHERE {Of("id")}",
            $"SELECT 1 AS sign, company_id, start_on FROM {stays} WHERE {Of("company_id")}",
            $"SELECT 1 AS sign, {DeclarationColumns} FROM declarations WHERE {Of("company_id")}");
    }

    public const string RebuildSql = "SELECT kpi_facts_rebuild()";

    /// <summary>The tables whose changes the blocks follow.</summary>
    public static readonly IReadOnlyList<string> FollowedTables = ["companies", "assignments", "declarations"];

    /// <summary>The columns of a company the blocks read besides its id (an update of others is not worked out).</summary>
    private const string CompanyRead = "exit_reason, exited_on";

    /// <summary>The columns of a stay the blocks read: whose it is and when it starts (the first one counts).</summary>
    private const string StayRead = "company_id, start_on";

    /// <summary>
    /// What a statement of <paramref name="table"/> for <paramref name="operation"/> changes: the changes of the companies it
    /// touched, rows after less rows before (<c>old_rows</c> and <c>new_rows</c> are the transition tables). The blocks stage
    /// them and fold them at commit (<see cref="BlockFacts"/>).
    /// </summary>
    public static FollowedChanges FollowSql(string table, string operation)
    {
        var (oldRows, newRows) = BlockFacts.TransitionRows(table, operation);
        const string Signs = "(VALUES (1), (-1)) v(sign)";
        var key = table == "companies" ? "id" : "company_id";
        var touched = $"touched AS (SELECT {key} AS company_id FROM {oldRows} o UNION SELECT {key} FROM {newRows} n), ";
        string Current(string columns, string source) =>
            $"SELECT v.sign, {columns} FROM {source} t CROSS JOIN {Signs} WHERE t.{(source == "companies" ? "id" : "company_id")} IN (SELECT company_id FROM touched)";
        string Changed(string columns, string source) => $"""
            SELECT 1 AS sign, {columns} FROM {source} t WHERE t.{key} IN (SELECT company_id FROM touched)
            UNION ALL SELECT -1, {columns} FROM {source} t WHERE t.{key} IN (SELECT company_id FROM touched) AND t.id NOT IN (SELECT n2.id FROM {newRows} n2)
            UNION ALL SELECT -1, {columns} FROM {oldRows} t
            """;
        var companyColumns = $"t.id, {BlockFacts.Qualified("t", CompanyRead)}";
        var startColumns = BlockFacts.Qualified("t", StayRead);
        const string DeclColumns = "t.company_id, t.year, t.quarter, t.status, t.headcount, t.revenue, t.still_active, t.funds_grant + t.funds_loan + t.funds_equity + t.funds_prize AS funds";
        var changes = table switch
        {
            "companies" => Changes(touched,
                $"SELECT 1 AS sign, {companyColumns} FROM {newRows} t UNION ALL SELECT -1, {companyColumns} FROM {oldRows} t",
                Current(startColumns, "assignments"), Current(DeclColumns, "declarations")),
            "assignments" => Changes(touched,
                Current(companyColumns, "companies"), Changed(startColumns, "assignments"), Current(DeclColumns, "declarations")),
            "declarations" => Changes(touched,
                Current(companyColumns, "companies"), Current(startColumns, "assignments"), Changed(DeclColumns, "declarations")),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "No KPI facts follow this table."),
        };
        // A company's figures are worked out from all its rows (its first stay, its latest declaration): it is locked first (for
        // stays, after their spaces, in the occupancy triggers' order).
        return changes with
        {
            Lock = table == "assignments"
                ? BlockFacts.LockStays(oldRows, newRows)
                : BlockFacts.LockRows("companies", BlockFacts.Touched(key, oldRows, newRows)),
            Only = (table, operation) switch
            {
                ("companies", "UPDATE") => BlockFacts.ChangedAnyOf(CompanyRead),
                ("assignments", "UPDATE") => BlockFacts.ChangedAnyOf(StayRead),
                _ => null,
            },
        };
    }

    /// <summary>The figures of @day in mode @declared, as the CTEs <c>survival</c> and <c>reported</c> of the KPI statement.</summary>
    public static readonly string OutcomesSql = $"""
        kept AS (
            SELECT {string.Join(", ", MeasureList.Select(m => $"coalesce(sum(f.{m}), 0) AS {m}"))}
            FROM ({OccupancyFacts.BlocksOf("@day")}) k
            JOIN {Table} f ON f.level = k.level AND f.block = k.block AND f.declared = @declared
        ), survival AS (
            SELECT survival_cohort AS cohort, survival_active AS active, survival_inactive AS inactive FROM kept
        ), reported AS (
            SELECT population, jobs, jobs_covered, revenue, funds, yearly_covered FROM kept
        )
        """;
}
