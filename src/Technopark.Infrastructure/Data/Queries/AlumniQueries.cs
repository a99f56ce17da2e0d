using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Technopark.Infrastructure.Data.Queries;

/// <summary>
/// A company that left the network by a day, with its latest yearly declaration counting on that day (the latest year
/// over by then: <c>year &lt; the day's year</c>); the figures are null when it never declared a year.
/// </summary>
public sealed record AlumnusRow(
    int Id, string LegalName, string Slug, string SiteName, string ExitReason, DateOnly ExitedOn,
    int? FiguresYear, decimal? Headcount, decimal? Revenue, bool? StillActive, string? Status);

/// <summary>The alumni lists of a site and of the network: one SQL statement whatever the number of companies and declarations.</summary>
public static class AlumniQueries
{
    public const string AlumniSql = """
        SELECT c.id, c.legal_name, s.slug, s.name AS site_name, c.exit_reason, c.exited_on,
               d.year AS figures_year, d.headcount, d.revenue, d.still_active, d.status
        FROM companies c
        JOIN sites s ON s.id = c.site_id
        LEFT JOIN LATERAL (
            SELECT d.year, d.headcount, d.revenue, d.still_active, d.status
            FROM declarations d
            WHERE d.company_id = c.id AND d.quarter IS NULL AND d.year < extract(year FROM @day)::int
            ORDER BY d.year DESC
            LIMIT 1
        ) d ON true
        WHERE c.exited_on <= @day
          AND (@site::int IS NULL OR c.site_id = @site)
          AND (@exit_year::int IS NULL OR extract(year FROM c.exited_on)::int = @exit_year)
        ORDER BY c.exited_on DESC, c.legal_name, c.id
        """;

    /// <summary>
    /// The companies that left by <paramref name="day"/> (exit day ≤ day), of one site or of the network (null), of one exit
    /// year or all (null), the latest exit first.
    /// </summary>
    public static async Task<IReadOnlyList<AlumnusRow>> AlumniAsync(this TechnoparkDbContext db, int? siteId, DateOnly day, int? exitYear,
        CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<AlumnusRow>(AlumniSql,
                new NpgsqlParameter("day", NpgsqlDbType.Date) { Value = day },
                new NpgsqlParameter("site", NpgsqlDbType.Integer) { Value = (object?)siteId ?? DBNull.Value },
                new NpgsqlParameter("exit_year", NpgsqlDbType.Integer) { Value = (object?)exitYear ?? DBNull.Value })
            .ToListAsync(cancellationToken);
}
