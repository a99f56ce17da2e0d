using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Authorization;

/// <summary>Staff of a site: any role, or managers only; NetworkAdmin passes too unless <paramref name="StaffOnly"/>.</summary>
public sealed record SiteAccessRequirement(bool ManagersOnly, bool StaffOnly = false) : IAuthorizationRequirement;

/// <summary>
/// The one site-scope rule: NetworkAdmin may read every site; anyone else only the sites where the
/// user–site–role table gives them a team role (a coach's scope is their companies, not the site). Every site page, handler and API uses it. Changing a
/// site's records takes a role on that site (<see cref="Policies.SiteMember"/>): HQ reads, sites operate.
/// The site is a <see cref="SiteResource"/> (pages, handlers, API) or, for the <see cref="Policies.SiteStaff"/>
/// policy every page under /Manage carries (a folder convention), the request whose <c>{slug}</c> route
/// value names it. A slug that names no site is left to the page (404): there is nothing to protect; a
/// request under /Manage without a slug is refused. Scoped: a request reads a person's roles on a site once.
/// </summary>
public sealed class SiteAccessHandler(TechnoparkDbContext db) : AuthorizationHandler<SiteAccessRequirement>
{
    private readonly Dictionary<(string UserId, int SiteId), List<SiteRole>> _roles = [];

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SiteAccessRequirement requirement)
    {
        var site = context.Resource switch
        {
            SiteResource resource => resource,
            HttpContext http when http.GetRouteValue("slug") is string { Length: > 0 } slug => await SiteOfRequestAsync(http, slug),
            _ => null,
        };
        if (site is null)
        {
            if (context.Resource is HttpContext { Items: var items } && items.ContainsKey(UnknownSiteKey) && context.User.Identity?.IsAuthenticated == true)
            {
                context.Succeed(requirement);
            }

            return;
        }

        if (!requirement.StaffOnly && context.User.IsInRole(Roles.NetworkAdmin))
        {
            context.Succeed(requirement);
            return;
        }

        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return;
        }

        if (!_roles.TryGetValue((userId, site.SiteId), out var roles))
        {
            roles = await db.SiteStaff.AsNoTracking().Where(s => s.UserId == userId && s.SiteId == site.SiteId).Select(s => s.Role).ToListAsync();
            _roles[(userId, site.SiteId)] = roles;
        }

        if (roles.Any(SiteRoles.IsTeam) && (!requirement.ManagersOnly || roles.Contains(SiteRole.SiteManager)))
        {
            context.Succeed(requirement);
        }
    }

    /// <summary>Where the site a /Manage request names is kept for the page (<see cref="SitePageModel"/>), once looked up.</summary>
    internal const string SiteKey = "Technopark.Site";

    private const string UnknownSiteKey = "Technopark.UnknownSite";

    private async Task<SiteResource?> SiteOfRequestAsync(HttpContext http, string value)
    {
        if (http.Items[SiteKey] is (SiteResource known, string))
        {
            return known;
        }

        if (await FindSiteAsync(db, value, http.RequestAborted) is not { } found)
        {
            http.Items[UnknownSiteKey] = true;
            return null;
        }

        http.Items[SiteKey] = found;
        return found.Site;
    }

    /// <summary>The site a URL's slug names (any letter case), with its name; null when there is none.</summary>
    internal static async Task<(SiteResource Site, string Name)?> FindSiteAsync(TechnoparkDbContext db, string slug, CancellationToken cancellationToken)
    {
        var lower = slug.ToLowerInvariant();
        var site = await db.Sites.AsNoTracking().Where(s => s.Slug == lower).Select(s => new { s.Id, s.Slug, s.Name })
            .FirstOrDefaultAsync(cancellationToken);
        return site is null ? null : (new SiteResource(site.Id, site.Slug), site.Name);
    }
}
