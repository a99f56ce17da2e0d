using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Authorization;

/// <summary>Staff of a site: any role, or managers only.</summary>
public sealed record SiteAccessRequirement(bool ManagersOnly) : IAuthorizationRequirement;

/// <summary>
/// The one site-scope rule: NetworkAdmin may act on every site; anyone else only on the sites
/// where the user–site–role table gives them a role. Every site page, handler and API uses it.
/// </summary>
public sealed class SiteAccessHandler(TechnoparkDbContext db) : AuthorizationHandler<SiteAccessRequirement, SiteResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SiteAccessRequirement requirement, SiteResource resource)
    {
        if (context.User.IsInRole(Roles.NetworkAdmin))
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
