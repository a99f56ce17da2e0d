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
/// </summary>
public sealed class SiteAccessHandler(TechnoparkDbContext db) : AuthorizationHandler<SiteAccessRequirement, SiteResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SiteAccessRequirement requirement, SiteResource resource)
    {
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

        var allowed = await db.SiteStaff.AsNoTracking().AnyAsync(s => s.UserId == userId && s.SiteId == resource.SiteId
            && (!requirement.ManagersOnly || s.Role == SiteRole.SiteManager));
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
