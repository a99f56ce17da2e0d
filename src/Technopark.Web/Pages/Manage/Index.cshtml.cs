using Microsoft.AspNetCore.Authorization;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Manage;

/// <summary>The site's dashboard for its staff: how full the site is today.</summary>
public sealed class IndexModel(OccupancyQuery occupancy, IAuthorizationService authorization, TimeProvider clock) : SitePageModel
{
    public bool CanManage { get; private set; }

    public DateOnly Today { get; private set; }

    public SiteOccupancy Occupancy { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today();
        CanManage = (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        var figures = await occupancy.OnAsync(Today, Site.SiteId, cancellationToken);
        Occupancy = figures.GetValueOrDefault(Site.SiteId) ?? SiteOccupancy.Empty(Site.SiteId);
    }
}
