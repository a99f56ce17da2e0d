using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Rooms;

/// <summary>One company's use of one room in one month: included hours, what it used, what is left, and each booking's billable part.</summary>
public sealed record RoomMonthUse(int CompanyId, int SpaceId, int IncludedMinutes, int UsedMinutes, IReadOnlyList<QuotaShare> Shares)
{
    public int LeftMinutes => Math.Max(0, IncludedMinutes - UsedMinutes);

    public int BillableMinutes => Shares.Sum(s => s.BillableMinutes);
}

/// <summary>
/// Included hours per company, room and calendar month in the site's time (<see cref="RoomQuota"/> decides the split):
/// what residents see left this month, what staff see used, and what a later invoicing step reads as billable.
/// </summary>
public sealed class RoomUsage(TechnoparkDbContext db)
{
    /// <summary>
    /// The month (<paramref name="month"/>: its first day) of every company booking of the site, or only of
    /// <paramref name="companyIds"/> when given, by company and room (one statement).
    /// </summary>
    public async Task<IReadOnlyList<RoomMonthUse>> MonthAsync(int siteId, DateOnly month, IReadOnlyCollection<int>? companyIds,
        CancellationToken cancellationToken)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var monthStart = SiteTime.StartOf(first);
        var monthEnd = SiteTime.StartOf(first.AddMonths(1));
        var rows = await (from b in db.Bookings.AsNoTracking().StartingIn(monthStart, monthEnd)
                          where b.SiteId == siteId && b.CompanyId != null && (companyIds == null || companyIds.Contains(b.CompanyId.Value))
                                && (b.CancelledAt == null || b.CancelledLate)
                          join r in db.RoomSettings on b.SpaceId equals r.SpaceId
                          select new { b.Id, CompanyId = b.CompanyId ?? 0, b.SpaceId, b.Start, b.End, r.IncludedHoursPerMonth })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => (r.CompanyId, r.SpaceId)).Select(g =>
        {
            var included = g.First().IncludedHoursPerMonth;
            var shares = RoomQuota.Split(included, g.Select(r => new QuotaUse(r.Id, r.Start, (int)(r.End - r.Start).TotalMinutes)));
            return new RoomMonthUse(g.Key.CompanyId, g.Key.SpaceId, included * 60, shares.Sum(s => s.IncludedMinutes + s.BillableMinutes), shares);
        }).OrderBy(u => u.CompanyId).ThenBy(u => u.SpaceId)];
    }
}
