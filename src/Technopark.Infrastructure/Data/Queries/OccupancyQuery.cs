using Microsoft.EntityFrameworkCore;

namespace Technopark.Infrastructure.Data.Queries;

/// <summary>How full one site is on one day.</summary>
public sealed record SiteOccupancy(int SiteId, int OfficesTotal, int OfficesOccupied, int SeatsTotal, int SeatsOccupied, int Residents)
{
    public int OfficesFree => OfficesTotal - OfficesOccupied;

    public int SeatsFree => SeatsTotal - SeatsOccupied;

    public static SiteOccupancy Empty(int siteId) => new(siteId, 0, 0, 0, 0, 0);
}

/// <summary>
/// Occupancy on a day, computed in one set-based SQL statement: active offices and coworking seats,
/// what assignments hold on that day (<c>start_on &lt;= day &lt; end_on</c>), and the residents.
/// </summary>
public sealed class OccupancyQuery(TechnoparkDbContext db)
{
    public async Task<IReadOnlyDictionary<int, SiteOccupancy>> OnAsync(DateOnly day, int? siteId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<SiteOccupancy>($"""
            WITH held AS (
                SELECT a.space_id, a.company_id, a.seats
                FROM assignments a
                WHERE a.start_on <= {day} AND (a.end_on IS NULL OR a.end_on > {day})
                  AND ({siteId}::int IS NULL OR a.site_id = {siteId})
            ), per_space AS (
                SELECT sp.site_id, sp.kind, sp.seats, (SELECT sum(h.seats) FROM held h WHERE h.space_id = sp.id) AS used
                FROM spaces sp
                WHERE sp.is_active AND sp.kind IN ('Office', 'Coworking')
                  AND ({siteId}::int IS NULL OR sp.site_id = {siteId})
            )
            SELECT s.id AS site_id,
                   count(p.kind) FILTER (WHERE p.kind = 'Office')::int AS offices_total,
                   count(p.kind) FILTER (WHERE p.kind = 'Office' AND p.used IS NOT NULL)::int AS offices_occupied,
                   coalesce(sum(p.seats) FILTER (WHERE p.kind = 'Coworking'), 0)::int AS seats_total,
                   coalesce(sum(least(p.used, p.seats)) FILTER (WHERE p.kind = 'Coworking'), 0)::int AS seats_occupied,
                   (SELECT count(DISTINCT h.company_id) FROM held h JOIN spaces x ON x.id = h.space_id WHERE x.site_id = s.id)::int AS residents
            FROM sites s
            LEFT JOIN per_space p ON p.site_id = s.id
            WHERE {siteId}::int IS NULL OR s.id = {siteId}
            GROUP BY s.id
            """).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.SiteId);
    }
}
