using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Identity;

public sealed record StaffSite(string Slug, string Name, SiteRole Role);

/// <summary>The sites a signed-in person works on (for the navigation).</summary>
public sealed class StaffDirectory(TechnoparkDbContext db)
{
    public async Task<IReadOnlyList<StaffSite>> SitesOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return [];
        }

        return await db.SiteStaff.AsNoTracking().Where(s => s.UserId == userId)
            .Join(db.Sites, s => s.SiteId, site => site.Id, (s, site) => new { site.Slug, site.Name, s.Role })
            .OrderBy(s => s.Name)
            .Select(s => new StaffSite(s.Slug, s.Name, s.Role))
            .ToListAsync(cancellationToken);
    }
}
