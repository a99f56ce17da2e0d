namespace Technopark.Infrastructure.Data.Queries;

/// <summary>
/// Occupancy kept by the database: per site, the changes of each day figure (offices and seats in service and held, stays
/// ending soon, residents, the waiting list; the network's distinct residents on the pseudo-site 0), summed into blocks of
/// 2^k days for k = 0…<see cref="LastLevel"/>, so that a day's figures of every site are the sum of at most 17 blocks per
/// site, read by index only (migration <c>OccupancyFacts</c>).
/// <para>
/// Each figure is a step function of the day made of units: a space (its stays, live coworking passes and periods out of
/// service: <see cref="NetworkQueries.SitesOnDayLiveSql"/>'s definition per space), a company at a site (resident while
/// one of its stays there holds), a company in the network, an entry of the waiting list. A unit's values are computed on
/// the days they may change (a period's start and end, 90 days before a stay ends) and written as changes: the value of a
/// figure on day D is the sum of the changes of the days up to D. Statement triggers on assignments, coworking passes,
/// space outages, spaces and the waiting list compute, for the units a statement touched, the changes with the rows after
/// the statement less those with the rows before it (the transition tables give the rows that changed), folded into the
/// blocks when the transaction commits (<see cref="BlockFacts"/>). A rebuild computes every unit from scratch: the tests compare the tables with it.
/// </para>
/// </summary>
public static class OccupancyFacts
{
    public const string Table = "occupancy_blocks";

    public const string LiveView = "occupancy_blocks_live";

    /// <summary>Day 0 (as <see cref="PipelineFacts.Epoch"/>): a change before it counts on it.</summary>
    public const string Epoch = PipelineFacts.Epoch;

    /// <summary>Blocks of 2^0 to 2^16 days: days numbered below 2^17.</summary>
    public const int LastLevel = 16;

    /// <summary>Pseudo-site of the network's distinct residents.</summary>
    public const int NetworkSite = 0;

    public static readonly DateOnly FirstDay = DateOnly.Parse(Epoch, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>First day the blocks cannot answer (day number + 1 would need an 18th level).</summary>
    public static readonly DateOnly EndDay = FirstDay.AddDays((1 << (LastLevel + 1)) - 1);

    /// <summary>Whether the blocks answer for <paramref name="day"/>; outside, the live statements do.</summary>
    public static bool Covers(DateOnly day) => day >= FirstDay && day < EndDay;

    /// <summary>Days before a stay ends from which it counts as ending soon (<see cref="NetworkQueries.EndingWithinDays"/>).</summary>
    private const int EndingWithin = NetworkQueries.EndingWithinDays;

    public const string Measures = "offices_total, offices_occupied, seats_total, seats_occupied, ending_soon, residents, network_residents, waiting";

    private static readonly string[] MeasureList = Measures.Split(", ");

    /// <summary>The measures' column definitions (counts), in the blocks and the staged changes.</summary>
    public static readonly string MeasureColumns = string.Join(", ", MeasureList.Select(m => $"{m} integer NOT NULL"));

    /// <summary>
    /// SQL (CTEs then a SELECT) of the changes per site and day, <c>(site_id, day, measures…)</c>, of the given units:
    /// <paramref name="spaces"/> <c>(sign, space_id, site_id, kind, seats)</c> with their <paramref name="periods"/>
    /// <c>(sign, space_id, what ∈ held/pass/out, start_on, end_on, seats)</c>; <paramref name="residents"/>
    /// <c>(sign, site_id, company_id, start_on, end_on)</c>, one row per stay (site 0: the network); <paramref name="waiting"/>
    /// <c>(sign, site_id, since, removed_on)</c>. A unit's sign is −1 for its rows before a statement, +1 after.
    /// </summary>
    public static string ChangesSql(string spaces, string periods, string residents, string waiting) => $"""
        {DayChangesCtes(spaces, periods, residents, waiting)}
        SELECT k::smallint AS level, (c.day >> k) AS block, c.site_id, {Sums("sum(c.{0})::int")}
        FROM day_changes c, generate_series(0, {LastLevel}) k
        GROUP BY 1, 2, 3
        """;

    /// <summary><see cref="ChangesSql"/>'s CTEs, the last one <c>day_changes (site_id, day number, measures…)</c>.</summary>
    private static string DayChangesCtes(string spaces, string periods, string residents, string waiting) => $"""
        units AS (
            SELECT sign, space_id, site_id, kind, seats FROM ({spaces}) u WHERE kind IN ('Office', 'Coworking')
        ), space_events AS (
            SELECT u.sign, u.space_id, u.site_id, u.kind, u.seats, date '{Epoch}' AS day, 0 AS used, 0 AS passes, 0 AS out_of_service, 0 AS ending FROM units u
            UNION ALL
            SELECT sign, space_id, site_id, kind, seats, greatest(day, date '{Epoch}'), used, passes, out_of_service, ending
            FROM (
                -- Set-returning functions in the select list (zipped): each period's start and end and, for a stay that ends,
                -- the day it starts ending soon (its end closes that too), without a join per row.
                SELECT u.sign, u.space_id, u.site_id, u.kind, u.seats,
                       unnest(ARRAY[p.start_on, p.end_on,
                                    CASE WHEN p.what = 'held' AND p.end_on IS NOT NULL THEN greatest(p.start_on, p.end_on - {EndingWithin}) END]) AS day,
                       unnest(CASE WHEN p.what = 'held' THEN ARRAY[p.seats, -p.seats, 0] ELSE ARRAY[0, 0, 0] END) AS used,
                       unnest(CASE WHEN p.what = 'pass' THEN ARRAY[1, -1, 0] ELSE ARRAY[0, 0, 0] END) AS passes,
                       unnest(CASE WHEN p.what = 'out' THEN ARRAY[1, -1, 0] ELSE ARRAY[0, 0, 0] END) AS out_of_service,
                       unnest(CASE WHEN p.what = 'held' THEN ARRAY[0, -1, 1] ELSE ARRAY[0, 0, 0] END) AS ending
                FROM ({periods}) p
                JOIN units u ON u.sign = p.sign AND u.space_id = p.space_id
                WHERE p.end_on IS NULL OR p.end_on > p.start_on
            ) x
            WHERE day IS NOT NULL
        ), space_states AS (
            -- The running sums up to each day, its own events included (a RANGE frame: the rows of one day are peers and
            -- get the same sums), so no grouping by day is needed and one sort serves this window and the changes' lag.
            SELECT sign, space_id, site_id, kind, seats, day,
                   sum(used) OVER w AS used, sum(passes) OVER w AS passes, sum(out_of_service) OVER w AS out_of_service, sum(ending) OVER w AS ending
            FROM space_events
            WINDOW w AS (PARTITION BY sign, space_id ORDER BY day)
        ), space_values AS (
            SELECT sign, space_id, site_id, day,
                   CASE WHEN kind = 'Office' AND out_of_service = 0 THEN 1 ELSE 0 END AS offices_total,
                   CASE WHEN kind = 'Office' AND out_of_service = 0 AND used > 0 THEN 1 ELSE 0 END AS offices_occupied,
                   CASE WHEN kind = 'Coworking' AND out_of_service = 0 THEN seats ELSE 0 END AS seats_total,
                   CASE WHEN kind = 'Coworking' AND out_of_service = 0 THEN least(used + passes, seats) ELSE 0 END AS seats_occupied,
                   CASE WHEN out_of_service = 0 THEN ending ELSE 0 END AS ending_soon
            FROM space_states
        ), resident_events AS (
            SELECT sign, site_id, company_id, greatest(day, date '{Epoch}') AS day, n
            FROM (
                SELECT r.sign, r.site_id, r.company_id, unnest(ARRAY[r.start_on, r.end_on]) AS day, unnest(ARRAY[1, -1]) AS n
                FROM ({residents}) r
                WHERE r.end_on IS NULL OR r.end_on > r.start_on
            ) x
            WHERE day IS NOT NULL
        ), resident_values AS (
            SELECT sign, site_id, company_id, day, (sum(n) OVER (PARTITION BY sign, site_id, company_id ORDER BY day) > 0)::int AS resident
            FROM resident_events
        ), changes AS (
            -- A day's later rows repeat its values: their lag is the day's own value, their change 0.
            SELECT site_id, day,
                   sign * (offices_total - lag(offices_total, 1, 0) OVER w) AS offices_total,
                   sign * (offices_occupied - lag(offices_occupied, 1, 0) OVER w) AS offices_occupied,
                   sign * (seats_total - lag(seats_total, 1, 0) OVER w) AS seats_total,
                   sign * (seats_occupied - lag(seats_occupied, 1, 0) OVER w) AS seats_occupied,
                   sign * (ending_soon - lag(ending_soon, 1, 0) OVER w) AS ending_soon,
                   0 AS residents, 0 AS network_residents, 0 AS waiting
            FROM space_values
            WINDOW w AS (PARTITION BY sign, space_id ORDER BY day)
            UNION ALL
            SELECT site_id, day, 0, 0, 0, 0, 0,
                   CASE WHEN site_id <> {NetworkSite} THEN sign * (resident - lag(resident, 1, 0) OVER w) ELSE 0 END,
                   CASE WHEN site_id = {NetworkSite} THEN sign * (resident - lag(resident, 1, 0) OVER w) ELSE 0 END,
                   0
            FROM resident_values
            WINDOW w AS (PARTITION BY sign, site_id, company_id ORDER BY day)
            UNION ALL
            SELECT w.site_id, greatest(x.day, date '{Epoch}'), 0, 0, 0, 0, 0, 0, 0, w.sign * x.n
            FROM ({waiting}) w
            CROSS JOIN LATERAL (VALUES (w.since, 1), (w.removed_on, -1)) x(day, n)
            WHERE x.day IS NOT NULL AND (w.removed_on IS NULL OR w.removed_on > w.since)
        ), day_changes AS (
            SELECT site_id, day - date '{Epoch}' AS day, {Sums("sum({0})")}
            FROM changes WHERE ({Measures}) <> ({string.Join(", ", MeasureList.Select(_ => "0"))})
            GROUP BY site_id, day
            HAVING {string.Join(" OR ", MeasureList.Select(m => $"sum({m}) <> 0"))}
        )
        """;

    private static string Sums(string format) => string.Join(", ", MeasureList.Select(m => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, m) + $" AS {m}"));

    /// <summary>
    /// What a statement changes (<see cref="ChangesSql"/>'s changes per site and day); <paramref name="prefix"/> holds CTEs the
    /// sources use (each followed by a comma).
    /// </summary>
    private static FollowedChanges Changes(string prefix, string spaces, string periods, string residents, string waiting) =>
        new(prefix + DayChangesCtes(spaces, periods, residents, waiting));

    /// <summary>Every unit from the rows as they are.</summary>
    public static readonly string LiveChangesSql = PartSql(0, 1);

    /// <summary>
    /// The blocks of part <paramref name="part"/> of <paramref name="parts"/> of the units: the spaces, site residents and
    /// waiting entries of the sites whose id is <paramref name="part"/> modulo <paramref name="parts"/>, the network residents
    /// of the companies whose id is. The units' changes add up, so the parts' blocks summed by key are the whole (a bulk load
    /// rebuilds them in parts over several connections, each part's sorts fitting in memory).
    /// </summary>
    public static string PartSql(int part, int parts)
    {
        string Of(string column) => BlockFacts.InPart(column, part, parts);
        var spaceOfPart = parts == 1 ? "true" : $"space_id IN (SELECT id FROM spaces WHERE {Of("site_id")})";
        return "WITH " + ChangesSql(
            $"SELECT 1 AS sign, id AS space_id, site_id, kind, seats FROM spaces WHERE {Of("site_id")}",
            $"""
            SELECT 1 AS sign, space_id, 'held' AS what, start_on, end_on, seats FROM assignments WHERE {spaceOfPart}
            UNION ALL SELECT 1, space_id, 'pass', start_on, end_on, 0 FROM coworking_passes WHERE cancelled_at IS NULL AND {spaceOfPart}
            UNION ALL SELECT 1, space_id, 'out', start_on, end_on, 0 FROM space_outages WHERE {spaceOfPart}
            """,
            $"""
            SELECT 1 AS sign, site_id, company_id, start_on, end_on FROM assignments WHERE {Of("site_id")}
            UNION ALL SELECT 1, {NetworkSite}, company_id, start_on, end_on FROM assignments WHERE {Of("company_id")}
            """,
            $"SELECT 1 AS sign, site_id, since, removed_on FROM waiting_list WHERE {Of("site_id")}");
    }

    /// <summary>Rebuilds the blocks from every row, set-based (after a bulk load with the triggers off).</summary>
    public const string RebuildSql = "SELECT occupancy_facts_rebuild()";

    /// <summary>
    /// The blocks to read for day <paramref name="day"/> (an SQL date expression): at most one per level, <c>(level, block)</c>.
    /// </summary>
    public static string BlocksOf(string day) => $"""
        SELECT k::smallint AS level, ((({day}) - date '{Epoch}' + 1) >> k) - 1 AS block
        FROM generate_series(0, {LastLevel}) k
        WHERE ((({day}) - date '{Epoch}' + 1) >> k) & 1 = 1
        """;

    /// <summary>
    /// What a statement of <paramref name="table"/> for <paramref name="operation"/> (INSERT, UPDATE or DELETE) changes: the
    /// changes of the units it touched, rows after less rows before. <c>old_rows</c> and <c>new_rows</c> are the transition
    /// tables (absent ones read as empty). The blocks stage them and fold them at commit (<see cref="BlockFacts"/>).
    /// </summary>
    public static FollowedChanges FollowSql(string table, string operation)
    {
        var (oldRows, newRows) = BlockFacts.TransitionRows(table, operation);
        const string Signs = "(VALUES (1), (-1)) v(sign)";
        // The periods of the touched spaces: those of this table given per sign (Changed), the others as they are for both (Current).
        static string Periods(string held, string passes, string outages) => $"""
            {held}
            UNION ALL {passes}
            UNION ALL {outages}
            """;
        string Current(string what, string source, string seats, string where, string affected) =>
            $"SELECT v.sign, t.space_id, '{what}' AS what, t.start_on, t.end_on, {seats} AS seats FROM {source} t CROSS JOIN {Signs} WHERE t.space_id IN (SELECT space_id FROM {affected}){where}";
        string Changed(string what, string source, string seats, string where, string affected) => $"""
            SELECT 1 AS sign, t.space_id, '{what}' AS what, t.start_on, t.end_on, {seats} AS seats FROM {source} t WHERE t.space_id IN (SELECT space_id FROM {affected}){where}
            UNION ALL SELECT -1, t.space_id, '{what}', t.start_on, t.end_on, {seats} FROM {source} t WHERE t.space_id IN (SELECT space_id FROM {affected}){where} AND t.id NOT IN (SELECT n2.id FROM {newRows} n2)
            UNION ALL SELECT -1, t.space_id, '{what}', t.start_on, t.end_on, {seats} FROM {oldRows} t WHERE true{where}
            """;
        const string None = "SELECT 1 AS sign, 0 AS site_id, 0 AS company_id, NULL::date AS start_on, NULL::date AS end_on WHERE false";
        const string NoWaiting = "SELECT 1 AS sign, 0 AS site_id, NULL::date AS since, NULL::date AS removed_on WHERE false";
        const string NoSpaces = "SELECT 1 AS sign, 0 AS space_id, 0 AS site_id, ''::text AS kind, 0 AS seats WHERE false";
        const string NoPeriods = "SELECT 1 AS sign, 0 AS space_id, ''::text AS what, NULL::date AS start_on, NULL::date AS end_on, 0 AS seats WHERE false";
        const string Affected = "touched_spaces";
        var touched = BlockFacts.Touched("space_id", oldRows, newRows);
        var touchedResidents = BlockFacts.Touched("site_id, company_id", oldRows, newRows);
        var touchedCompanies = BlockFacts.Touched("company_id", oldRows, newRows);
        var spacesOfTouched = $"SELECT v.sign, sp.id AS space_id, sp.site_id, sp.kind, sp.seats FROM spaces sp CROSS JOIN {Signs} WHERE sp.id IN (SELECT space_id FROM {Affected} x)";
        const string Held = "assignments";
        const string Passes = "coworking_passes";
        const string Outages = "space_outages";
        const string PassFilter = " AND t.cancelled_at IS NULL";
        var touchedSpaces = table == "spaces" ? $"SELECT id AS space_id FROM {oldRows} o UNION SELECT id FROM {newRows} n" : touched;
        var prefix = $"{Affected} AS ({touchedSpaces}), ";
        var changes = table switch
        {
            Held => Changes(prefix, spacesOfTouched,
                Periods(
                    Changed("held", Held, "t.seats", "", Affected),
                    Current("pass", Passes, "0", PassFilter, Affected),
                    Current("out", Outages, "0", "", Affected)),
                $"""
                SELECT 1 AS sign, t.site_id, t.company_id, t.start_on, t.end_on FROM assignments t WHERE (t.site_id, t.company_id) IN ({touchedResidents})
                UNION ALL SELECT -1, t.site_id, t.company_id, t.start_on, t.end_on FROM assignments t WHERE (t.site_id, t.company_id) IN ({touchedResidents}) AND t.id NOT IN (SELECT n2.id FROM {newRows} n2)
                UNION ALL SELECT -1, t.site_id, t.company_id, t.start_on, t.end_on FROM {oldRows} t
                UNION ALL SELECT 1, {NetworkSite}, t.company_id, t.start_on, t.end_on FROM assignments t WHERE t.company_id IN ({touchedCompanies})
                UNION ALL SELECT -1, {NetworkSite}, t.company_id, t.start_on, t.end_on FROM assignments t WHERE t.company_id IN ({touchedCompanies}) AND t.id NOT IN (SELECT n2.id FROM {newRows} n2)
                UNION ALL SELECT -1, {NetworkSite}, t.company_id, t.start_on, t.end_on FROM {oldRows} t
                """,
                NoWaiting),
            Passes => Changes(prefix, spacesOfTouched,
                Periods(
                    Current("held", Held, "t.seats", "", Affected),
                    Changed("pass", Passes, "0", PassFilter, Affected),
                    Current("out", Outages, "0", "", Affected)),
                None, NoWaiting),
            Outages => Changes(prefix, spacesOfTouched,
                Periods(
                    Current("held", Held, "t.seats", "", Affected),
                    Current("pass", Passes, "0", PassFilter, Affected),
                    Changed("out", Outages, "0", "", Affected)),
                None, NoWaiting),
            "spaces" => Changes(prefix,
                $"SELECT 1 AS sign, id AS space_id, {SpaceColumns} FROM {newRows} n UNION ALL SELECT -1, id, {SpaceColumns} FROM {oldRows} o",
                Periods(
                    Current("held", Held, "t.seats", "", Affected),
                    Current("pass", Passes, "0", PassFilter, Affected),
                    Current("out", Outages, "0", "", Affected)),
                None, NoWaiting),
            "waiting_list" => Changes(string.Empty, NoSpaces, NoPeriods, None,
                $"SELECT 1 AS sign, site_id, since, removed_on FROM {newRows} n UNION ALL SELECT -1, site_id, since, removed_on FROM {oldRows} o"),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "No occupancy facts follow this table."),
        };
        // The units worked out from all their rows: the spaces, then the companies of the stays (the app locks a stay's space
        // before it writes it).
        return table switch
        {
            Held => changes with { Lock = BlockFacts.LockStays(oldRows, newRows) },
            "spaces" => changes with
            {
                Lock = BlockFacts.LockRows("spaces", touchedSpaces),
                Only = operation == "UPDATE" ? BlockFacts.ChangedAnyOf(SpaceColumns) : null,
            },
            "waiting_list" => changes, // an entry's figures are its own: entries add up
            _ => changes with { Lock = BlockFacts.LockRows("spaces", touchedSpaces) },
        };
    }

    /// <summary>The columns of a space the blocks read (besides its id).</summary>
    private const string SpaceColumns = "site_id, kind, seats";

    /// <summary>The tables whose changes the blocks follow.</summary>
    public static readonly IReadOnlyList<string> FollowedTables = ["assignments", "coworking_passes", "space_outages", "spaces", "waiting_list"];
}
