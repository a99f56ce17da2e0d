using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Companies;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// The company's own page: its current and past assignments, what ends soon and, while it waits, its place on its
/// site's waiting list (the order staff see). Members, its site's staff and HQ read the same page.
/// </summary>
public sealed class OverviewModel(TechnoparkDbContext db, TimeProvider clock) : CompanyPageModel
{
    /// <summary>A stay ending within these days is announced (the notice a site works with).</summary>
    public const int EndingWithinDays = EndingSoon.DashboardWithinDays;

    public DateOnly Today { get; private set; }

    /// <summary>Assignments not over today (current and upcoming), earliest first.</summary>
    public IReadOnlyList<Row> Current { get; private set; } = [];

    /// <summary>Assignments over, latest first.</summary>
    public IReadOnlyList<Row> Past { get; private set; } = [];

    /// <summary>Current assignments whose last day falls within <see cref="EndingWithinDays"/> days.</summary>
    public IReadOnlyList<Row> EndingSoonRows { get; private set; } = [];

    public WaitingPlace? Waiting { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today();
        var today = Today;
        var companyId = Company.CompanyId;
        var rows = await db.Assignments.AsNoTracking()
            .Where(a => a.CompanyId == companyId)
            .Join(db.Spaces, a => a.SpaceId, s => s.Id, (a, s) => new { a, s.Code, s.Kind })
            .Join(db.Sites, x => x.a.SiteId, s => s.Id, (x, s) => new
            {
                x.a.Id, Site = s.Name, x.Code, x.Kind, x.a.Period.Start, x.a.Period.End, x.a.Seats, x.a.MonthlyRent, x.a.EndReason,
            })
            .OrderBy(r => r.Start).ToListAsync(cancellationToken);
        var all = rows.Select(r => new Row(r.Id, r.Site, r.Code, r.Kind, r.Start, r.End, r.Seats, r.MonthlyRent, r.EndReason)).ToList();
        Current = [.. all.Where(r => r.End is null || r.End > today)];
        Past = [.. all.Where(r => r.End is { } end && end <= today).Reverse()];
        EndingSoonRows = [.. Current.Where(r => r.Start <= today && EndingSoon.Within(r.End, today, EndingWithinDays))];
        Waiting = await WaitingPlaceAsync(cancellationToken);
    }

    /// <summary>The company's place in its site's queue, counted over the same order as the site's waiting list page.</summary>
    private async Task<WaitingPlace?> WaitingPlaceAsync(CancellationToken cancellationToken)
    {
        var siteId = Company.SiteId;
        var queue = await db.WaitingList.AsNoTracking().Where(w => w.SiteId == siteId).InQueueOrder()
            .Select(w => new { w.CompanyId, w.WantedKind, w.WantedSeats, w.Since }).ToListAsync(cancellationToken);
        var index = queue.FindIndex(w => w.CompanyId == Company.CompanyId);
        return index < 0 ? null : new WaitingPlace(index + 1, queue.Count, queue[index].WantedKind, queue[index].WantedSeats, queue[index].Since);
    }

    /// <summary>One assignment; <see cref="End"/> is exclusive (the first free day), <see cref="LastDay"/> the last day in the space.</summary>
    public sealed record Row(int Id, string Site, string SpaceCode, SpaceKind Kind, DateOnly Start, DateOnly? End, int Seats, decimal MonthlyRent, AssignmentEnd? EndReason)
    {
        public DateOnly? LastDay => End?.AddDays(-1);
    }

    public sealed record WaitingPlace(int Position, int Of, SpaceKind Kind, int Seats, DateOnly Since);
}
