using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Manage.Events;

/// <summary>/manage/{slug}/events: the site's events, upcoming first (soonest first), then past and cancelled (latest first), with their figures.</summary>
public sealed class IndexModel(TechnoparkDbContext db, IAuthorizationService authorization, TimeProvider clock) : SitePageModel
{
    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<StaffEventRow> Upcoming { get; private set; } = [];

    public IReadOnlyList<StaffEventRow> Past { get; private set; } = [];

    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var now = Now;
        var rows = await StaffEvents.Of(db, Site.SiteId).ToListAsync(cancellationToken);
        Upcoming = [.. rows.Where(r => !r.IsCancelled && r.EndsAt > now).OrderBy(r => r.StartsAt).ThenBy(r => r.Id)];
        Past = [.. rows.Except(Upcoming).OrderByDescending(r => r.StartsAt).ThenByDescending(r => r.Id)];
        CanCreate = !IsHqReadOnly && (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
    }
}
