using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Domain.Assignments;
using Technopark.Domain.Network;

namespace Technopark.Infrastructure.Data.Queries;

/// <summary>One site on one day: capacity, what is held, what ends soon and who waits.</summary>
public sealed record SiteDay(
    int SiteId, string Slug, string Name, string Status, DateOnly? OpenedOn,
    int OfficesTotal, int OfficesOccupied, int SeatsTotal, int SeatsOccupied, int Residents, int EndingSoon, int Waiting)
{
    public int OfficesFree => OfficesTotal - OfficesOccupied;

    public int SeatsFree => SeatsTotal - SeatsOccupied;

    /// <summary>See <see cref="Domain.Sites.Site.CountsInNetworkFigures"/>.</summary>
    public bool CountsInNetworkFigures => Enum.TryParse<Domain.Sites.SiteStatus>(Status, out var status) && Domain.Sites.Site.CountsInNetworkFigures(status);
}

/// <summary>Active offices and occupied ones of a site on the first day of a month.</summary>
public sealed record TrendPoint(int SiteId, DateOnly Month, int OfficesTotal, int OfficesOccupied);

/// <summary>Applications of a site (drafts excluded) by state, and how fast they are decided.</summary>
public sealed record PipelineRow(
    int SiteId, int Submitted, int UnderReview, int Accepted, int Rejected, int Waitlisted, int Withdrawn, int Decided, double? MedianDays);

/// <summary>A company behind a KPI figure.</summary>
public sealed record KpiCompany(int Id, string LegalName, string Slug, string? ExitReason, DateOnly? ExitedOn, int? Headcount, decimal? Revenue, int Total);

/// <summary>
/// The network headquarters' figures, each one set-based SQL statement whatever the number of sites.
/// The statements are public so that the benchmark can run them bare (its "SQL floor").
/// Periods are half-open: an assignment holds on day D when <c>daterange(start_on, end_on, '[)') @&gt; D</c>.
/// </summary>
public sealed class NetworkQueries(TechnoparkDbContext db)
{
    /// <summary>Days after D within which an assignment ending counts as "ending soon" on the dashboards (<see cref="EndingSoon"/>).</summary>
    public const int EndingWithinDays = EndingSoon.DashboardWithinDays;

    /// <summary>How many companies a KPI drill-down lists at most.</summary>
    public const int DrillDownLimit = 500;

    public const string SitesOnDaySql = """
        WITH held AS (
            SELECT a.site_id, a.space_id, a.company_id, a.seats, a.end_on
            FROM assignments a
            WHERE daterange(a.start_on, a.end_on, '[)') @> @day AND (@site::int IS NULL OR a.site_id = @site)
        ), per_space AS (
            SELECT sp.site_id, sp.kind, sp.seats, h.used, h.ending
            FROM spaces sp
            LEFT JOIN (
                SELECT space_id, sum(seats) AS used, count(*) FILTER (WHERE end_on <= @day + @ending_within) AS ending
                FROM held GROUP BY space_id
            ) h ON h.space_id = sp.id
            WHERE sp.is_active AND sp.kind IN ('Office', 'Coworking') AND (@site::int IS NULL OR sp.site_id = @site)
        ), occupancy AS (
            SELECT site_id,
                   count(*) FILTER (WHERE kind = 'Office') AS offices_total,
                   count(*) FILTER (WHERE kind = 'Office' AND used IS NOT NULL) AS offices_occupied,
                   sum(seats) FILTER (WHERE kind = 'Coworking') AS seats_total,
                   sum(least(coalesce(used, 0), seats)) FILTER (WHERE kind = 'Coworking') AS seats_occupied,
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
        SELECT s.id AS site_id, s.slug, s.name, s.status, s.opened_on,
               coalesce(o.offices_total, 0)::int AS offices_total,
               coalesce(o.offices_occupied, 0)::int AS offices_occupied,
               coalesce(o.seats_total, 0)::int AS seats_total,
               coalesce(o.seats_occupied, 0)::int AS seats_occupied,
               coalesce(r.n, 0)::int AS residents,
               coalesce(o.ending_soon, 0)::int AS ending_soon,
               coalesce(w.n, 0)::int AS waiting
        FROM sites s
        LEFT JOIN occupancy o ON o.site_id = s.id
        LEFT JOIN residents r ON r.site_id = s.id
        LEFT JOIN waiting w ON w.site_id = s.id
        WHERE @site::int IS NULL OR s.id = @site
        ORDER BY s.id
        """;

    public const string TrendSql = """
        WITH months AS (
            SELECT generate_series(date_trunc('month', @day::timestamp) - interval '23 months',
                                   date_trunc('month', @day::timestamp), interval '1 month')::date AS month
        ), offices AS (
            SELECT sp.id, sp.site_id FROM spaces sp WHERE sp.is_active AND sp.kind = 'Office'
        ), held AS (
            SELECT m.month, o.site_id, count(DISTINCT a.space_id) AS n
            FROM months m
            JOIN assignments a ON daterange(a.start_on, a.end_on, '[)') @> m.month
            JOIN offices o ON o.id = a.space_id
            GROUP BY m.month, o.site_id
        ), totals AS (
            SELECT site_id, count(*) AS n FROM offices GROUP BY site_id
        )
        SELECT s.id AS site_id, m.month, coalesce(t.n, 0)::int AS offices_total, coalesce(h.n, 0)::int AS offices_occupied
        FROM sites s
        CROSS JOIN months m
        LEFT JOIN totals t ON t.site_id = s.id
        LEFT JOIN held h ON h.site_id = s.id AND h.month = m.month
        ORDER BY s.id, m.month
        """;

    public const string PipelineSql = """
        SELECT ap.site_id,
               count(*) FILTER (WHERE ap.state = 'Submitted')::int AS submitted,
               count(*) FILTER (WHERE ap.state = 'UnderReview')::int AS under_review,
               count(*) FILTER (WHERE ap.state = 'Accepted')::int AS accepted,
               count(*) FILTER (WHERE ap.state = 'Rejected')::int AS rejected,
               count(*) FILTER (WHERE ap.state = 'Waitlisted')::int AS waitlisted,
               count(*) FILTER (WHERE ap.state = 'Withdrawn')::int AS withdrawn,
               count(*) FILTER (WHERE ap.state IN ('Accepted', 'Rejected', 'Waitlisted'))::int AS decided,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ap.decided_at - ap.submitted_at) / 86400.0)
                   FILTER (WHERE ap.state IN ('Accepted', 'Rejected', 'Waitlisted') AND ap.decided_at IS NOT NULL) AS median_days
        FROM applications ap
        WHERE ap.state <> 'Draft' AND ap.submitted_at < (@day + 1)::timestamp AT TIME ZONE 'Africa/Casablanca'
        GROUP BY ap.site_id
        ORDER BY ap.site_id
        """;

    public const string KpiSql = """
        WITH exits AS (
            SELECT count(*) FILTER (WHERE exit_reason = 'Graduated' AND exited_on <= @day) AS graduated,
                   count(*) FILTER (WHERE exit_reason = 'Closed' AND exited_on <= @day) AS closed,
                   count(*) FILTER (WHERE exited_on <= (@day - interval '5 years')::date) AS cohort,
                   count(*) FILTER (WHERE exited_on <= (@day - interval '5 years')::date AND exit_reason <> 'Closed') AS survivors,
                   count(*) FILTER (WHERE exited_on > (@day - interval '12 months')::date AND exited_on <= @day) AS departures
            FROM companies
            WHERE exited_on <= @day
        ), samples AS (
            SELECT (@day - make_interval(months => k))::date AS day FROM generate_series(0, 11) AS k
        ), resident_counts AS (
            SELECT s.day, (SELECT count(DISTINCT a.company_id) FROM assignments a
                           WHERE daterange(a.start_on, a.end_on, '[)') @> s.day) AS n
            FROM samples s
        ), latest AS (
            SELECT DISTINCT ON (cs.company_id) cs.company_id, cs.headcount, cs.revenue
            FROM company_snapshot cs
            WHERE cs.year <= extract(year FROM @day)
            ORDER BY cs.company_id, cs.year DESC
        ), hosted AS (
            SELECT l.headcount, l.revenue FROM latest l
            WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.company_id = l.company_id AND a.start_on <= @day)
        )
        SELECT e.graduated::int, e.closed::int, e.cohort::int AS survival_cohort, e.survivors::int, e.departures::int,
               (SELECT coalesce(sum(n), 0)::int FROM resident_counts) AS resident_samples,
               (SELECT coalesce(sum(headcount), 0)::bigint FROM hosted) AS jobs,
               (SELECT coalesce(sum(revenue), 0) FROM hosted) AS revenue
        FROM exits e
        """;

    /// <summary>Every site on a day (or only <paramref name="siteId"/>): the one definition of occupancy, also used by the public and site pages.</summary>
    public async Task<IReadOnlyList<SiteDay>> SitesOnAsync(DateOnly day, CancellationToken cancellationToken, int? siteId = null) =>
        await db.Database.SqlQueryRaw<SiteDay>(SitesOnDaySql, Day(day), Site(siteId), EndingWithin()).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(DateOnly day, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<TrendPoint>(TrendSql, Day(day)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PipelineRow>> PipelineAsync(DateOnly day, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<PipelineRow>(PipelineSql, Day(day)).ToListAsync(cancellationToken);

    public async Task<KpiFigures> KpisAsync(DateOnly day, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<KpiFigures>(KpiSql, Day(day)).ToListAsync(cancellationToken)).Single();

    /// <summary>The companies behind a KPI (see <see cref="DrillDownKinds"/>), at most <see cref="DrillDownLimit"/>, by name.</summary>
    public async Task<IReadOnlyList<KpiCompany>> CompaniesBehindAsync(string kpi, DateOnly day, CancellationToken cancellationToken)
    {
        var filter = kpi switch
        {
            KpiDrillDown.Occupancy => "EXISTS (SELECT 1 FROM assignments a WHERE a.company_id = c.id AND daterange(a.start_on, a.end_on, '[)') @> @day)",
            KpiDrillDown.Success => "c.exit_reason IN ('Graduated', 'Closed') AND c.exited_on <= @day",
            KpiDrillDown.Survival => "c.exited_on <= (@day - interval '5 years')::date",
            KpiDrillDown.Turnover => "c.exited_on > (@day - interval '12 months')::date AND c.exited_on <= @day",
            KpiDrillDown.Jobs or KpiDrillDown.Revenue => "EXISTS (SELECT 1 FROM assignments a WHERE a.company_id = c.id AND a.start_on <= @day)",
            _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Unknown KPI."),
        };
        var sql = string.Concat(DrillDownSelect, filter, DrillDownOrder);
        return await db.Database.SqlQueryRaw<KpiCompany>(sql, Day(day), new NpgsqlParameter("limit", NpgsqlTypes.NpgsqlDbType.Integer) { Value = DrillDownLimit })
            .ToListAsync(cancellationToken);
    }

    private const string DrillDownSelect = """
        SELECT c.id, c.legal_name, s.slug, c.exit_reason, c.exited_on, l.headcount, l.revenue, (count(*) OVER ())::int AS total
        FROM companies c
        JOIN sites s ON s.id = c.site_id
        LEFT JOIN LATERAL (
            SELECT cs.headcount, cs.revenue FROM company_snapshot cs
            WHERE cs.company_id = c.id AND cs.year <= extract(year FROM @day)
            ORDER BY cs.year DESC LIMIT 1
        ) l ON true
        WHERE 
        """;

    private const string DrillDownOrder = """

        ORDER BY c.legal_name, c.id
        LIMIT @limit
        """;

    public static readonly IReadOnlyList<string> DrillDownKinds = KpiDrillDown.All;

    private static NpgsqlParameter Day(DateOnly day) => new("day", NpgsqlTypes.NpgsqlDbType.Date) { Value = day };

    /// <summary>The @ending_within parameter of <see cref="SitesOnDaySql"/>: <see cref="EndingWithinDays"/>.</summary>
    public static NpgsqlParameter EndingWithin() => new("ending_within", NpgsqlTypes.NpgsqlDbType.Integer) { Value = EndingWithinDays };

    /// <summary>The @site filter of <see cref="SitesOnDaySql"/>: null for the whole network.</summary>
    public static NpgsqlParameter Site(int? siteId) => new("site", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)siteId ?? DBNull.Value };
}
