using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.WaitingList;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Manage;

/// <summary>The site's dashboard for its staff: how full the site is today.</summary>
public sealed class IndexModel(NetworkQueries network, TechnoparkDbContext db, IAuthorizationService authorization, TimeProvider clock) : SitePageModel
{
    public const int ForecastDays = 90;

    public bool CanManage { get; private set; }

    /// <summary>Offices whose assignment ends within <see cref="ForecastDays"/> days, soonest first.</summary>
    public IReadOnlyList<Freeing> Forecast { get; private set; } = [];

    /// <summary>The first companies waiting for an office (priority, then date).</summary>
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public SiteDay Occupancy { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today();
        CanManage = (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        Occupancy = (await network.SitesOnAsync(Today, cancellationToken, Site.SiteId)).Single();
        if (CanManage)
        {
            await LoadForecastAsync(cancellationToken);
        }
    }

    private async Task LoadForecastAsync(CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        var horizon = Today.AddDays(ForecastDays);
        var today = Today;
        var freeing = await db.Assignments.AsNoTracking()
            .Where(a => a.SiteId == siteId && a.IsExclusive && a.Period.End > today && a.Period.End <= horizon)
            .Where(a => !db.Assignments.Any(n => n.SpaceId == a.SpaceId && n.Period.Start == a.Period.End))
            .OrderBy(a => a.Period.End)
            .Join(db.Spaces, a => a.SpaceId, s => s.Id, (a, s) => new { a.Id, a.SpaceId, s.Code, a.CompanyId, a.Period.End })
            .Join(db.Companies, x => x.CompanyId, c => c.Id, (x, c) => new { x.Id, x.SpaceId, x.Code, c.LegalName, x.End })
            .ToListAsync(cancellationToken);
        Forecast = [.. freeing.Select(f => new Freeing(f.Id, f.SpaceId, f.Code, f.LegalName, f.End!.Value))];
        var candidates = await db.WaitingList.AsNoTracking()
            .Where(w => w.SiteId == siteId && w.WantedKind == Technopark.Domain.Spaces.SpaceKind.Office)
            .InQueueOrder().Take(3)
            .Join(db.Companies, w => w.CompanyId, c => c.Id, (w, c) => new { c.Id, c.LegalName, w.Priority, w.Since, w.WantedSeats })
            .ToListAsync(cancellationToken);
        Candidates = [.. candidates.Select(c => new Candidate(c.Id, c.LegalName, c.Priority, c.Since, c.WantedSeats))];
    }

    /// <summary>An office freeing up: <see cref="FreeFrom"/> is its first free day.</summary>
    public sealed record Freeing(int AssignmentId, int SpaceId, string Code, string Company, DateOnly FreeFrom);

    public sealed record Candidate(int CompanyId, string Company, int Priority, DateOnly Since, int Seats);
}
