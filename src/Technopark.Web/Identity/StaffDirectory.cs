using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Identity;

public sealed record StaffSite(string Slug, string Name, SiteRole Role);

/// <summary>What the navigation offers a signed-in person: the sites they work on, and whether they have applications of their own.</summary>
public sealed record NavigationOf(IReadOnlyList<StaffSite> Sites, bool HasApplications, bool HasCompanies = false);

/// <summary>The sites a signed-in person works on (for the navigation).</summary>
public sealed class StaffDirectory(TechnoparkDbContext db)
{
    public async Task<IReadOnlyList<StaffSite>> SitesOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await NavigationAsync(user, cancellationToken)).Sites;

    /// <summary>The sites, whether the person has applied and whether they belong to a company, in one query (the layout runs it on every page).</summary>
    public async Task<NavigationOf> NavigationAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return new NavigationOf([], false);
        }

        var found = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                Sites = db.SiteStaff.Where(s => s.UserId == u.Id)
                    .Join(db.Sites, s => s.SiteId, site => site.Id, (s, site) => new { site.Slug, site.Name, s.Role })
                    .OrderBy(s => s.Name)
                    .ToList(),
                HasApplications = db.Applications.Any(a => a.ApplicantId == u.Id),
                HasCompanies = db.CompanyMembers.Any(m => m.UserId == u.Id),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? new NavigationOf([], false)
            : new NavigationOf([.. found.Sites.Select(s => new StaffSite(s.Slug, s.Name, s.Role))], found.HasApplications, found.HasCompanies);
    }
}
