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
/// user–site–role table gives them a role. Every site page, handler and API uses it. Changing a
/// site's records takes a role on that site (<see cref="Policies.SiteMember"/>): HQ reads, sites operate.
/// The site is a <see cref="SiteResource"/> (pages, handlers, API) or, for the <see cref="Policies.SiteStaff"/>
/// policy every page under /Manage carries (a folder convention), the request whose
/// <c>{slug}</c> route value names it. A slug that names no site is left to the page (404): there is
/// nothing to protect; a request under /Manage without a slug is refused.
/// </summary>
public sealed class SiteAccessHandler(TechnoparkDbContext db) : AuthorizationHandler<SiteAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SiteAccessRequirement requirement)
    {
        int siteId;
        switch (context.Resource)
        {
            case SiteResource site:
                siteId = site.SiteId;
                break;
            case HttpContext http when http.GetRouteValue("slug") is string { Length: > 0 } value:
                var slug = value.ToLowerInvariant();
                var id = await db.Sites.AsNoTracking().Where(s => s.Slug == slug).Select(s => (int?)s.Id)
                    .FirstOrDefaultAsync(http.RequestAborted);
                if (id is null)
                {
                    if (context.User.Identity?.IsAuthenticated == true)
                    {
                        context.Succeed(requirement);
                    }

                    return;
                }

                siteId = id.Value;
                break;
            default:
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

        var allowed = await db.SiteStaff.AsNoTracking().AnyAsync(s => s.UserId == userId && s.SiteId == siteId
            && (!requirement.ManagersOnly || s.Role == SiteRole.SiteManager));
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
