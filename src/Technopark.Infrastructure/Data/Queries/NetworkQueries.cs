using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Network;

namespace Technopark.Infrastructure.Data.Queries;

/// <summary>One site on one day (<see cref="Day"/>): capacity, what is held, what ends soon and who waits.</summary>
public sealed record SiteDay(
    int SiteId, string Slug, string Name, string Status, DateOnly? OpenedOn, DateOnly? ClosedOn,
    int OfficesTotal, int OfficesOccupied, int SeatsTotal, int SeatsOccupied, int Residents, int EndingSoon, int Waiting, DateOnly Day)
{
    public int OfficesFree => OfficesTotal - OfficesOccupied;

    public int SeatsFree => SeatsTotal - SeatsOccupied;

    /// <summary>Whether the site counts in the network's figures of <see cref="Day"/> (<see cref="Domain.Sites.Site.CountsInNetworkFiguresOn"/>).</summary>
    public bool CountsInNetworkFigures => CountsOn(Day);

    /// <summary>Whether the site counts in the network's figures of <paramref name="day"/> (a month of the trend, say).</summary>
    public bool CountsOn(DateOnly day) =>
        Enum.TryParse<Domain.Sites.SiteStatus>(Status, out var status) && Domain.Sites.Site.CountsInNetworkFiguresOn(status, OpenedOn, ClosedOn, day);
}

/// <summary>Active offices and occupied ones of a site on the first day of a month.</summary>
public sealed record TrendPoint(int SiteId, DateOnly Month, int OfficesTotal, int OfficesOccupied);

/// <summary>Applications of a site (drafts excluded) by state, and how fast they are decided.</summary>
public sealed record PipelineRow(
    int SiteId, int Submitted, int UnderReview, int Accepted, int Rejected, int Waitlisted, int Withdrawn, int Decided, double? MedianDays);

/// <summary>
/// A company behind a KPI figure, with its latest counted declaration (period, headcount, still active), the revenue of its
/// latest counted yearly one, the funds of all its counted yearly ones, and whether it counts in the figure (<see cref="Reported"/>).
/// </summary>
public sealed record KpiCompany(
    int Id, string LegalName, string Slug, string? ExitReason, DateOnly? ExitedOn, int? LatestYear, int? LatestQuarter, decimal? Headcount, bool? StillActive,
    decimal? Revenue, decimal? Funds, bool Reported, int Total);

/// <summary>
/// The network headquarters' figures, each one set-based SQL statement whatever the number of sites.
/// The statements are public so that the benchmark can run them bare (its "SQL floor").
/// Periods are half-open: an assignment holds on day D when <c>daterange(start_on, end_on, '[)') @&gt; D</c>. A live coworking
/// pass covering D holds one seat of its space that day (occupied seats only: it is neither a resident nor a stay).
/// </summary>
public sealed class NetworkQueries
{
    private readonly Func<CancellationToken, ValueTask<TechnoparkDbContext>> _db;

    /// <summary>The figures on <paramref name="db"/> (tests, benchmarks).</summary>
    public NetworkQueries(TechnoparkDbContext db) => _db = _ => ValueTask.FromResult(db);

    /// <summary>The figures on the read replica when it may answer this request, else on the primary (<see cref="ReadOnlyDb"/>).</summary>
    public NetworkQueries(ReadOnlyDb reads) => _db = reads.ContextAsync;

    /// <summary>Days after D within which an assignment ending counts as "ending soon" on the dashboards (<see cref="EndingSoon"/>).</summary>
    public const int EndingWithinDays = EndingSoon.DashboardWithinDays;

    /// <summary>How many companies a KPI drill-down lists at most.</summary>
    public const int DrillDownLimit = 500;

    /// <summary>
    /// SQL condition: the period out of service <c>so</c> holds the day <paramref name="day"/> (an SQL expression); a space
    /// counts in a day's inventory unless one of its periods holds it (<see cref="Domain.Spaces.Space.InServiceOn"/>).
    /// Out-of-service periods are few, so a day's spaces are found by a small anti-join.
    /// </summary>
    private static string OutageHolds(string day) => $"so.start_on <= {day} AND (so.end_on IS NULL OR so.end_on > {day})";

    /// <summary>
    /// Every site on @day from the blocks the database keeps (<see cref="OccupancyFacts"/>): at most 17 blocks per site, read
    /// by index only. Equal to <see cref="SitesOnDayLiveSql"/> by construction, and proven so by the tests. Prepared on each
    /// pooled connection (<see cref="PreparedStatements"/>): its generic plan is the one planned for any day.
    /// </summary>
    public static readonly string SitesOnDaySql = PreparedStatements.Mark(SitesOnDayFromBlocks("", ""));

    /// <summary>One site (@site) on @day from the blocks (<see cref="SitesOnDaySql"/>'s statement for one site), prepared too.</summary>
    public static readonly string SiteOnDaySql = PreparedStatements.Mark(SitesOnDayFromBlocks(" AND b.site_id = @site", "WHERE s.id = @site"));

    /// <summary>
    /// A day's sites from the blocks, with a filter of the blocks and one of the sites. Two statements (the network, one site)
    /// rather than one with <c>@site IS NULL OR …</c>: a plan made for any value of @site, as a prepared statement's generic plan
    /// is, cannot drop that condition, estimates one site and sums the day's blocks once per site (9.4 ms instead of 0.55 at 100×).
    /// </summary>
    private static string SitesOnDayFromBlocks(string blocksFilter, string sitesFilter) => $$"""
        WITH f AS (
            SELECT b.site_id,
                   sum(b.offices_total) AS offices_total, sum(b.offices_occupied) AS offices_occupied,
                   sum(b.seats_total) AS seats_total, sum(b.seats_occupied) AS seats_occupied,
                   sum(b.residents) AS residents, sum(b.ending_soon) AS ending_soon, sum(b.waiting) AS waiting
            FROM ({{OccupancyFacts.BlocksOf("@day")}}) k
            JOIN {{OccupancyFacts.Table}} b ON b.level = k.level AND b.block = k.block
            WHERE b.site_id <> {{OccupancyFacts.NetworkSite}}{{blocksFilter}}
            GROUP BY b.site_id
        )
        SELECT s.id AS site_id, s.slug, s.name, s.status, s.opened_on, s.closed_on,
               coalesce(f.offices_total, 0)::int AS offices_total,
               coalesce(f.offices_occupied, 0)::int AS offices_occupied,
               coalesce(f.seats_total, 0)::int AS seats_total,
               coalesce(f.seats_occupied, 0)::int AS seats_occupied,
               coalesce(f.residents, 0)::int AS residents,
               coalesce(f.ending_soon, 0)::int AS ending_soon,
               coalesce(f.waiting, 0)::int AS waiting,
               @day AS day
        FROM sites s
        LEFT JOIN f ON f.site_id = s.id
        {{sitesFilter}}
        ORDER BY s.id
        """;

    /// <summary>Every site on @day computed from the stays, passes, spaces and waiting list: the definition the blocks must equal.</summary>
    public static readonly string SitesOnDayLiveSql = $$"""
        WITH held AS (
            SELECT a.site_id, a.space_id, a.company_id, a.seats, a.end_on
            FROM assignments a
            WHERE daterange(a.start_on, a.end_on, '[)') @> @day AND (@site::int IS NULL OR a.site_id = @site)
        ), passes AS (
            SELECT p.space_id, count(*) AS used
            FROM coworking_passes p
            WHERE p.cancelled_at IS NULL AND daterange(p.start_on, p.end_on, '[)') @> @day AND (@site::int IS NULL OR p.site_id = @site)
            GROUP BY p.space_id
        ), per_space AS (
            SELECT sp.site_id, sp.kind, sp.seats, h.used, h.ending, ps.used AS passes
            FROM spaces sp
            LEFT JOIN (
                SELECT space_id, sum(seats) AS used, count(*) FILTER (WHERE end_on <= @day + @ending_within) AS ending
                FROM held GROUP BY space_id
            ) h ON h.space_id = sp.id
            LEFT JOIN passes ps ON ps.space_id = sp.id
            WHERE NOT EXISTS (SELECT 1 FROM space_outages so WHERE so.space_id = sp.id AND {{OutageHolds("@day")}}) AND sp.kind IN ('Office', 'Coworking') AND (@site::int IS NULL OR sp.site_id = @site)
        ), occupancy AS (
            SELECT site_id,
                   count(*) FILTER (WHERE kind = 'Office') AS offices_total,
                   count(*) FILTER (WHERE kind = 'Office' AND used IS NOT NULL) AS offices_occupied,
                   sum(seats) FILTER (WHERE kind = 'Coworking') AS seats_total,
                   sum(least(coalesce(used, 0) + coalesce(passes, 0), seats)) FILTER (WHERE kind = 'Coworking') AS seats_occupied,
                   sum(ending) AS ending_soon
            FROM per_space GROUP BY site_id
        ), residents AS (
            SELECT h.site_id, count(DISTINCT h.company_id) AS n
            FROM held h
            GROUP BY h.site_id
        ), waiting AS (
            SELECT w.site_id, count(*) AS n
            FROM waiting_list w
            WHERE w.since <= @day AND (w.removed_on IS NULL OR w.removed_on > @day) AND (@site::int IS NULL OR w.site_id = @site)
            GROUP BY w.site_id
        )
        SELECT s.id AS site_id, s.slug, s.name, s.status, s.opened_on, s.closed_on,
               coalesce(o.offices_total, 0)::int AS offices_total,
               coalesce(o.offices_occupied, 0)::int AS offices_occupied,
               coalesce(o.seats_total, 0)::int AS seats_total,
               coalesce(o.seats_occupied, 0)::int AS seats_occupied,
               coalesce(r.n, 0)::int AS residents,
               coalesce(o.ending_soon, 0)::int AS ending_soon,
               coalesce(w.n, 0)::int AS waiting,
               @day AS day
        FROM sites s
        LEFT JOIN occupancy o ON o.site_id = s.id
        LEFT JOIN residents r ON r.site_id = s.id
        LEFT JOIN waiting w ON w.site_id = s.id
        WHERE @site::int IS NULL OR s.id = @site
        ORDER BY s.id
        """;

    /// <summary>The first day of each of the 24 months up to @day's.</summary>
    private const string TrendMonths = """
        SELECT generate_series(date_trunc('month', @day::timestamp) - interval '23 months',
                               date_trunc('month', @day::timestamp), interval '1 month')::date AS month
        """;

    /// <summary>Offices in service and occupied on the first day of each of the 24 months up to @day's, from the blocks (prepared).</summary>
    public static readonly string TrendSql = PreparedStatements.Mark($$"""
        WITH months AS ({{TrendMonths}}
        ), f AS (
            SELECT m.month, b.site_id, sum(b.offices_total) AS offices_total, sum(b.offices_occupied) AS offices_occupied
            FROM months m
            CROSS JOIN LATERAL ({{OccupancyFacts.BlocksOf("m.month")}}) k
            JOIN {{OccupancyFacts.Table}} b ON b.level = k.level AND b.block = k.block
            WHERE b.site_id <> {{OccupancyFacts.NetworkSite}}
            GROUP BY m.month, b.site_id
        )
        SELECT s.id AS site_id, m.month, coalesce(f.offices_total, 0)::int AS offices_total, coalesce(f.offices_occupied, 0)::int AS offices_occupied
        FROM sites s
        CROSS JOIN months m
        LEFT JOIN f ON f.site_id = s.id AND f.month = m.month
        ORDER BY s.id, m.month
        """);

    /// <summary>
    /// The trend computed from the stays: every office, less those out of service that month (few), and the offices held that
    /// month among those in service.
    /// </summary>
    public static readonly string TrendLiveSql = $$"""
        WITH months AS ({{TrendMonths}}
        ), offices AS (
            SELECT sp.id, sp.site_id FROM spaces sp WHERE sp.kind = 'Office'
        ), out_of_service AS (
            SELECT m.month, sp.id AS space_id, sp.site_id
            FROM months m
            JOIN space_outages so ON {{OutageHolds("m.month")}}
            JOIN offices sp ON sp.id = so.space_id
        ), held AS (
            SELECT m.month, o.site_id, count(DISTINCT a.space_id) AS n
            FROM months m
            JOIN assignments a ON daterange(a.start_on, a.end_on, '[)') @> m.month
            JOIN offices o ON o.id = a.space_id
            WHERE NOT EXISTS (SELECT 1 FROM out_of_service x WHERE x.month = m.month AND x.space_id = a.space_id)
            GROUP BY m.month, o.site_id
        ), totals AS (
            SELECT site_id, count(*) AS n FROM offices GROUP BY site_id
        ), out_counts AS (
            SELECT month, site_id, count(*) AS n FROM out_of_service GROUP BY month, site_id
        )
        SELECT s.id AS site_id, m.month, (coalesce(t.n, 0) - coalesce(x.n, 0))::int AS offices_total, coalesce(h.n, 0)::int AS offices_occupied
        FROM sites s
        CROSS JOIN months m
        LEFT JOIN totals t ON t.site_id = s.id
        LEFT JOIN out_counts x ON x.site_id = s.id AND x.month = m.month
        LEFT JOIN held h ON h.site_id = s.id AND h.month = m.month
        ORDER BY s.id, m.month
        """;

    /// <summary>
    /// Applications submitted by the end of @day (Morocco's day) by state, drafts aside, and the median whole days from submission
    /// to decision (Morocco's days, as <see cref="PipelineFacts"/> count them: an exact median of seconds cannot be summed in
    /// blocks). Read from the pre-aggregated blocks before @day's 32-day block and from the applications of that block. Prepared.
    /// </summary>
    public static readonly string PipelineSql = PreparedStatements.Mark($"""
        WITH bounds AS (
            SELECT (@day - date '{PipelineFacts.Epoch}') + 1 AS x
        ), blocks AS (
            SELECT k::smallint AS level, (b.x >> k) - 1 AS block
            FROM bounds b, generate_series({PipelineFacts.FirstLevel}, {PipelineFacts.LastLevel}) k
            WHERE (b.x >> k) & 1 = 1
        ), tail AS (
            SELECT ap.site_id, ap.state, pipeline_day(ap.decided_at) - pipeline_day(ap.submitted_at) AS days
            FROM applications ap, bounds b
            WHERE ap.state <> 'Draft'
              AND ap.submitted_at >= (date '{PipelineFacts.Epoch}' + ((b.x >> {PipelineFacts.FirstLevel}) << {PipelineFacts.FirstLevel}))::timestamp AT TIME ZONE '{SiteTime.ZoneId}'
              AND ap.submitted_at < (@day + 1)::timestamp AT TIME ZONE '{SiteTime.ZoneId}'
        ), counts AS (
            SELECT site_id, state, sum(n) AS n FROM (
                SELECT c.site_id, c.state, c.applications AS n FROM {PipelineFacts.CountsTable} c JOIN blocks USING (level, block)
                UNION ALL
                SELECT t.site_id, t.state, 1 FROM tail t
            ) x GROUP BY site_id, state
        ), histogram AS (
            SELECT site_id, days, sum(n) AS n FROM (
                SELECT d.site_id, d.days, d.applications AS n FROM {PipelineFacts.DecisionDaysTable} d JOIN blocks USING (level, block)
                UNION ALL
                SELECT t.site_id, t.days, 1 FROM tail t WHERE t.state IN ('Accepted', 'Rejected', 'Waitlisted') AND t.days IS NOT NULL
            ) x GROUP BY site_id, days HAVING sum(n) > 0
        ), ranked AS (
            SELECT site_id, days, sum(n) OVER (PARTITION BY site_id ORDER BY days) AS upto, sum(n) OVER (PARTITION BY site_id) AS total
            FROM histogram
        ), medians AS (
            -- percentile_cont(0.5): the mean of the values of ranks floor((n-1)/2) and ceil((n-1)/2), counted from 0.
            SELECT site_id, ((min(days) FILTER (WHERE upto > floor((total - 1) / 2.0)) + min(days) FILTER (WHERE upto > ceil((total - 1) / 2.0))) / 2.0)::float8 AS median_days
            FROM ranked GROUP BY site_id
        )
        SELECT p.site_id, p.submitted, p.under_review, p.accepted, p.rejected, p.waitlisted, p.withdrawn, p.decided, m.median_days
        FROM (
            SELECT site_id,
                   coalesce(sum(n) FILTER (WHERE state = 'Submitted'), 0)::int AS submitted,
                   coalesce(sum(n) FILTER (WHERE state = 'UnderReview'), 0)::int AS under_review,
                   coalesce(sum(n) FILTER (WHERE state = 'Accepted'), 0)::int AS accepted,
                   coalesce(sum(n) FILTER (WHERE state = 'Rejected'), 0)::int AS rejected,
                   coalesce(sum(n) FILTER (WHERE state = 'Waitlisted'), 0)::int AS waitlisted,
                   coalesce(sum(n) FILTER (WHERE state = 'Withdrawn'), 0)::int AS withdrawn,
                   coalesce(sum(n) FILTER (WHERE state IN ('Accepted', 'Rejected', 'Waitlisted')), 0)::int AS decided
            FROM counts GROUP BY site_id HAVING sum(n) > 0
        ) p
        LEFT JOIN medians m ON m.site_id = p.site_id
        ORDER BY p.site_id
        """);

    /// <summary>
    /// The same figures computed from the applications alone (no pre-aggregated counts): the definition the counts must
    /// equal, for the tests and for EXPLAIN in the README.
    /// </summary>
    public const string PipelineLiveSql = """
        SELECT ap.site_id,
               count(*) FILTER (WHERE ap.state = 'Submitted')::int AS submitted,
               count(*) FILTER (WHERE ap.state = 'UnderReview')::int AS under_review,
               count(*) FILTER (WHERE ap.state = 'Accepted')::int AS accepted,
               count(*) FILTER (WHERE ap.state = 'Rejected')::int AS rejected,
               count(*) FILTER (WHERE ap.state = 'Waitlisted')::int AS waitlisted,
               count(*) FILTER (WHERE ap.state = 'Withdrawn')::int AS withdrawn,
               count(*) FILTER (WHERE ap.state IN ('Accepted', 'Rejected', 'Waitlisted'))::int AS decided,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY pipeline_day(ap.decided_at) - pipeline_day(ap.submitted_at))
                   FILTER (WHERE ap.state IN ('Accepted', 'Rejected', 'Waitlisted') AND ap.decided_at IS NOT NULL) AS median_days
        FROM applications ap
        WHERE ap.state <> 'Draft' AND ap.submitted_at < (@day + 1)::timestamp AT TIME ZONE 'Africa/Casablanca'
        GROUP BY ap.site_id
        ORDER BY ap.site_id
        """;


    /// <summary>
    /// The declarations that count on @day (<see cref="ReportedFigures"/>): period ended by then (<c>period_end</c> is the
    /// first day after it), validated unless @declared; the figures that count (a correction included). Then each
    /// company's latest counted declaration (the period that ends last; a year before its Q4), its latest counted yearly
    /// one, the sum of the funds of its counted yearly ones, and P(D), the population of companies that report.
    /// </summary>
    private static readonly string CountedSql = $"""
        counted AS (
            SELECT d.company_id, d.year, d.quarter, d.headcount, d.revenue, d.still_active,
                   d.funds_grant + d.funds_loan + d.funds_equity + d.funds_prize AS funds,
                   (make_date(d.year, coalesce(d.quarter * 3, 12), 1) + interval '1 month')::date AS period_end
            FROM declarations d
            WHERE (make_date(d.year, coalesce(d.quarter * 3, 12), 1) + interval '1 month')::date <= @day
              AND (@declared OR d.status = 'Validated')
        ), latest AS (
            SELECT DISTINCT ON (company_id) company_id, year, quarter, headcount, still_active, period_end
            FROM counted
            ORDER BY company_id, period_end DESC, quarter IS NULL DESC
        ), latest_year AS (
            SELECT DISTINCT ON (company_id) company_id, revenue
            FROM counted WHERE quarter IS NULL
            ORDER BY company_id, year DESC
        ), yearly_funds AS (
            SELECT company_id, sum(funds) AS funds FROM counted WHERE quarter IS NULL GROUP BY company_id
        ), population AS (
            SELECT c.id FROM companies c
            WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.company_id = c.id AND a.start_on <= @day)
              AND (c.exited_on IS NULL OR c.exited_on > @day
                   OR (c.exit_reason IS DISTINCT FROM 'Closed' AND c.exited_on > (@day - interval '{ReportedFigures.AlumniYears} years')::date))
        )
        """;

    /// <summary>A company of the survival cohort (alias c, its latest counted declaration l) known to be inactive, or active.</summary>
    private const string KnownInactive = "(c.exit_reason = 'Closed' OR l.still_active = false)";
    private static readonly string KnownActive = $"""
        (c.exit_reason IS DISTINCT FROM 'Closed' AND l.still_active AND l.period_end - 1 >= (c.exited_on + interval '{ReportedFigures.SurvivalYears} years')::date)
        """;

    /// <summary>The population, reported figures and survival cohort computed from the declarations (CTEs <c>survival</c>, <c>reported</c>).</summary>
    private static readonly string LiveOutcomesSql = $$"""
        {{CountedSql}}, survival AS (
            SELECT count(*) AS cohort,
                   count(*) FILTER (WHERE {{KnownActive}}) AS active,
                   count(*) FILTER (WHERE {{KnownInactive}}) AS inactive
            FROM companies c LEFT JOIN latest l ON l.company_id = c.id
            WHERE c.exited_on <= (@day - interval '{{ReportedFigures.SurvivalYears}} years')::date
        ), reported AS (
            SELECT count(*) AS population,
                   coalesce(sum(l.headcount), 0) AS jobs, count(l.company_id) AS jobs_covered,
                   coalesce(sum(ly.revenue), 0) AS revenue, coalesce(sum(f.funds), 0) AS funds, count(ly.company_id) AS yearly_covered
            FROM population p
            LEFT JOIN latest l ON l.company_id = p.id
            LEFT JOIN latest_year ly ON ly.company_id = p.id
            LEFT JOIN yearly_funds f ON f.company_id = p.id
        )
        """;

    /// <summary>The KPI figures, the distinct residents of the 12 monthly samples and the reported figures read from the blocks.</summary>
    public static readonly string KpiSql = KpiSqlWith($"""
        SELECT s.day, (SELECT sum(b.network_residents) FROM ({OccupancyFacts.BlocksOf("s.day")}) k
                       JOIN {OccupancyFacts.Table} b ON b.level = k.level AND b.block = k.block AND b.site_id = {OccupancyFacts.NetworkSite}) AS n
        FROM samples s
        """, KpiFacts.OutcomesSql);

    /// <summary>The KPI figures computed from the stays and the declarations.</summary>
    public static readonly string KpiLiveSql = KpiSqlWith("""
        SELECT s.day, (SELECT count(DISTINCT a.company_id) FROM assignments a
                       WHERE daterange(a.start_on, a.end_on, '[)') @> s.day) AS n
        FROM samples s
        """, LiveOutcomesSql);

    private static string KpiSqlWith(string residentCounts, string outcomes) => $$"""
        WITH exits AS (
            SELECT count(*) FILTER (WHERE exit_reason = 'Graduated' AND exited_on <= @day) AS graduated,
                   count(*) FILTER (WHERE exit_reason = 'Closed' AND exited_on <= @day) AS closed,
                   count(*) FILTER (WHERE exited_on > (@day - interval '12 months')::date AND exited_on <= @day) AS departures
            FROM companies
            WHERE exited_on <= @day
        ), samples AS (
            SELECT (@day - make_interval(months => k))::date AS day FROM generate_series(0, 11) AS k
        ), resident_counts AS ({{residentCounts}}
        ), {{outcomes}}
        SELECT e.graduated::int, e.closed::int, s.cohort::int AS survival_cohort, s.active::int AS survival_active, s.inactive::int AS survival_inactive,
               e.departures::int,
               (SELECT coalesce(sum(n), 0)::int FROM resident_counts) AS resident_samples,
               r.population::int, r.jobs, r.jobs_covered::int, r.revenue, r.funds, r.yearly_covered::int
        FROM exits e, survival s, reported r
        """;

    /// <summary>
    /// Every site on a day (or only <paramref name="siteId"/>): the one definition of occupancy, also used by the public and site
    /// pages. From the blocks it is read through Npgsql, as with its pairs (<see cref="SitesAndPipelineAsync"/>): side by side
    /// with EF Core's raw query, the API's request spent 0.2–0.4 ms less between asking and having the rows (README, stop 38).
    /// </summary>
    public async Task<IReadOnlyList<SiteDay>> SitesOnAsync(DateOnly day, CancellationToken cancellationToken, int? siteId = null) =>
        OccupancyFacts.Covers(day)
            ? await BatchAsync(
                [siteId is null ? new(SitesOnDaySql) { Parameters = { Day(day) } } : new(SiteOnDaySql) { Parameters = { Day(day), Site(siteId) } }],
                reader => RowsAsync(reader, ReadSiteDay, cancellationToken), cancellationToken)
            : await (await _db(cancellationToken)).Database.SqlQueryRaw<SiteDay>(SitesOnDayLiveSql, Day(day), Site(siteId), EndingWithin()).ToListAsync(cancellationToken);

    /// <summary>Every site on a day computed from the stays (<see cref="SitesOnDayLiveSql"/>): what the blocks must equal.</summary>
    public async Task<IReadOnlyList<SiteDay>> SitesOnLiveAsync(DateOnly day, CancellationToken cancellationToken, int? siteId = null) =>
        await (await _db(cancellationToken)).Database.SqlQueryRaw<SiteDay>(SitesOnDayLiveSql, Day(day), Site(siteId), EndingWithin()).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(DateOnly day, CancellationToken cancellationToken) =>
        await (await _db(cancellationToken)).Database.SqlQueryRaw<TrendPoint>(CoversMonths(day, 24) ? TrendSql : TrendLiveSql, Day(day)).ToListAsync(cancellationToken);

    /// <summary>The trend computed from the stays (<see cref="TrendLiveSql"/>).</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendLiveAsync(DateOnly day, CancellationToken cancellationToken) =>
        await (await _db(cancellationToken)).Database.SqlQueryRaw<TrendPoint>(TrendLiveSql, Day(day)).ToListAsync(cancellationToken);

    /// <summary>Whether the blocks answer for the first days of the <paramref name="months"/> months up to <paramref name="day"/>'s.</summary>
    private static bool CoversMonths(DateOnly day, int months) =>
        OccupancyFacts.Covers(day) && day.Year * 12 + day.Month - months >= OccupancyFacts.FirstDay.Year * 12 + OccupancyFacts.FirstDay.Month;

    public async Task<IReadOnlyList<PipelineRow>> PipelineAsync(DateOnly day, CancellationToken cancellationToken) =>
        await (await _db(cancellationToken)).Database.SqlQueryRaw<PipelineRow>(PipelineSql, Day(day)).ToListAsync(cancellationToken);

    /// <summary>The pipeline from the applications alone (<see cref="PipelineLiveSql"/>).</summary>
    public async Task<IReadOnlyList<PipelineRow>> PipelineLiveAsync(DateOnly day, CancellationToken cancellationToken) =>
        await (await _db(cancellationToken)).Database.SqlQueryRaw<PipelineRow>(PipelineLiveSql, Day(day)).ToListAsync(cancellationToken);

    /// <summary>
    /// The network's sites on a day and its pipeline in one round trip (/hq when neither is cached): both statements sent at
    /// once in a batch, prepared (<see cref="PreparedStatements"/>), where each alone waited for its answer before the next left.
    /// The same rows as <see cref="SitesOnAsync"/> and <see cref="PipelineAsync"/>, which answer apart for the days the blocks do
    /// not cover.
    /// </summary>
    public async Task<(IReadOnlyList<SiteDay> Sites, IReadOnlyList<PipelineRow> Pipeline)> SitesAndPipelineAsync(DateOnly day, CancellationToken cancellationToken) =>
        OccupancyFacts.Covers(day)
            ? await WithSitesAsync(day, PipelineSql, ReadPipelineRow, cancellationToken)
            : (await SitesOnAsync(day, cancellationToken), await PipelineAsync(day, cancellationToken));

    /// <summary>The network's sites on a day and the trend up to it in one round trip (see <see cref="SitesAndPipelineAsync"/>).</summary>
    public async Task<(IReadOnlyList<SiteDay> Sites, IReadOnlyList<TrendPoint> Trend)> SitesAndTrendAsync(DateOnly day, CancellationToken cancellationToken) =>
        CoversMonths(day, 24)
            ? await WithSitesAsync(day, TrendSql, ReadTrendPoint, cancellationToken)
            : (await SitesOnAsync(day, cancellationToken), await TrendAsync(day, cancellationToken));

    /// <summary><see cref="SitesOnDaySql"/> and <paramref name="other"/> (@day its one parameter) in one batch, read in turn.</summary>
    private Task<(IReadOnlyList<SiteDay> Sites, IReadOnlyList<T> Rows)> WithSitesAsync<T>(
        DateOnly day, string other, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        BatchAsync<(IReadOnlyList<SiteDay>, IReadOnlyList<T>)>(
            [new(SitesOnDaySql) { Parameters = { Day(day) } }, new(other) { Parameters = { Day(day) } }],
            async reader =>
            {
                var sites = await RowsAsync(reader, ReadSiteDay, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                return (sites, await RowsAsync(reader, read, cancellationToken));
            },
            cancellationToken);

    /// <summary>
    /// <paramref name="commands"/> in one prepared batch on the request's connection (EF Core's command timeout), their results
    /// read by <paramref name="read"/>.
    /// </summary>
    private async Task<TResult> BatchAsync<TResult>(
        NpgsqlBatchCommand[] commands, Func<DbDataReader, Task<TResult>> read, CancellationToken cancellationToken)
    {
        var db = await _db(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken); // EF's count of opens: a connection the request holds stays open
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            foreach (var command in commands)
            {
                batch.BatchCommands.Add(command);
            }

            if (db.Database.GetCommandTimeout() is { } seconds)
            {
                batch.Timeout = seconds;
            }

            await batch.PrepareAsync(cancellationToken); // once per connection: then Npgsql finds them prepared and sends nothing
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            return await read(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The rows of the reader's current result.</summary>
    private static async Task<IReadOnlyList<T>> RowsAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>A row of <see cref="SitesOnDaySql"/>, its columns in order.</summary>
    private static SiteDay ReadSiteDay(DbDataReader r) => new(
        r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), NullableDay(r, 4), NullableDay(r, 5),
        r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), r.GetFieldValue<DateOnly>(13));

    /// <summary>A row of <see cref="PipelineSql"/>, its columns in order.</summary>
    private static PipelineRow ReadPipelineRow(DbDataReader r) => new(
        r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7),
        r.IsDBNull(8) ? null : r.GetDouble(8));

    /// <summary>A row of <see cref="TrendSql"/>, its columns in order.</summary>
    private static TrendPoint ReadTrendPoint(DbDataReader r) =>
        new(r.GetInt32(0), r.GetFieldValue<DateOnly>(1), r.GetInt32(2), r.GetInt32(3));

    private static DateOnly? NullableDay(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetFieldValue<DateOnly>(ordinal);

    public async Task<KpiFigures> KpisAsync(DateOnly day, FiguresMode mode, CancellationToken cancellationToken) =>
        (await (await _db(cancellationToken)).Database.SqlQueryRaw<KpiFigures>(CoversMonths(day, 12) ? KpiSql : KpiLiveSql, Day(day), Mode(mode)).ToListAsync(cancellationToken)).Single();

    /// <summary>The KPI figures with the residents counted from the stays (<see cref="KpiLiveSql"/>).</summary>
    public async Task<KpiFigures> KpisLiveAsync(DateOnly day, FiguresMode mode, CancellationToken cancellationToken) =>
        (await (await _db(cancellationToken)).Database.SqlQueryRaw<KpiFigures>(KpiLiveSql, Day(day), Mode(mode)).ToListAsync(cancellationToken)).Single();

    /// <summary>
    /// The companies behind a KPI (see <see cref="DrillDownKinds"/>), at most <see cref="DrillDownLimit"/>, by name, each
    /// with its latest counted figures in <paramref name="mode"/> and whether it counts in the figure (it reported, or its
    /// survival is known).
    /// </summary>
    public async Task<IReadOnlyList<KpiCompany>> CompaniesBehindAsync(string kpi, DateOnly day, FiguresMode mode, CancellationToken cancellationToken)
    {
        var filter = kpi switch
        {
            KpiDrillDown.Occupancy => "EXISTS (SELECT 1 FROM assignments a WHERE a.company_id = c.id AND daterange(a.start_on, a.end_on, '[)') @> @day)",
            KpiDrillDown.Success => "c.exit_reason IN ('Graduated', 'Closed') AND c.exited_on <= @day",
            KpiDrillDown.Survival => $"c.exited_on <= (@day - interval '{ReportedFigures.SurvivalYears} years')::date",
            KpiDrillDown.Turnover => "c.exited_on > (@day - interval '12 months')::date AND c.exited_on <= @day",
            KpiDrillDown.Jobs or KpiDrillDown.Revenue or KpiDrillDown.Funds => "c.id IN (SELECT id FROM population)",
            _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Unknown KPI."),
        };
        var reported = kpi switch
        {
            KpiDrillDown.Revenue or KpiDrillDown.Funds => "ly.company_id IS NOT NULL",
            KpiDrillDown.Survival => $"coalesce({KnownInactive} OR {KnownActive}, false)",
            _ => "l.company_id IS NOT NULL",
        };
        var sql = $$"""
            WITH {{CountedSql}}
            SELECT c.id, c.legal_name, s.slug, c.exit_reason, c.exited_on, l.year AS latest_year, l.quarter AS latest_quarter, l.headcount,
                   l.still_active, ly.revenue, f.funds, {{reported}} AS reported, (count(*) OVER ())::int AS total
            FROM companies c
            JOIN sites s ON s.id = c.site_id
            LEFT JOIN latest l ON l.company_id = c.id
            LEFT JOIN latest_year ly ON ly.company_id = c.id
            LEFT JOIN yearly_funds f ON f.company_id = c.id
            WHERE {{filter}}
            ORDER BY c.legal_name, c.id
            LIMIT @limit
            """;
        return await (await _db(cancellationToken)).Database.SqlQueryRaw<KpiCompany>(sql, Day(day), Mode(mode), new NpgsqlParameter("limit", NpgsqlTypes.NpgsqlDbType.Integer) { Value = DrillDownLimit })
            .ToListAsync(cancellationToken);
    }

    public static readonly IReadOnlyList<string> DrillDownKinds = KpiDrillDown.All;

    private static NpgsqlParameter Mode(FiguresMode mode) => new("declared", NpgsqlTypes.NpgsqlDbType.Boolean) { Value = mode == FiguresMode.Declared };

    private static NpgsqlParameter Day(DateOnly day) => new("day", NpgsqlTypes.NpgsqlDbType.Date) { Value = day };

    /// <summary>The @ending_within parameter of <see cref="SitesOnDayLiveSql"/>: <see cref="EndingWithinDays"/> (the blocks count it already).</summary>
    private static NpgsqlParameter EndingWithin() => new("ending_within", NpgsqlTypes.NpgsqlDbType.Integer) { Value = EndingWithinDays };

    /// <summary>The @site filter of <see cref="SiteOnDaySql"/> and <see cref="SitesOnDayLiveSql"/>: null for the whole network.</summary>
    private static NpgsqlParameter Site(int? siteId) => new("site", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)siteId ?? DBNull.Value };
}
