using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Staff;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Pages.Programmes;

namespace Technopark.Web.Identity;

public sealed record StaffSite(string Slug, string Name, SiteRole Role);

/// <summary>What the navigation offers a signed-in person: the sites they work on, and whether they have applications of their own.</summary>
public sealed record NavigationOf(IReadOnlyList<StaffSite> Sites, bool HasApplications, bool HasCompanies = false, bool IsCoach = false);

/// <summary>The sites a signed-in person works on as the site's team (for the navigation), and whether they coach a company today.</summary>
public sealed class StaffDirectory(TechnoparkDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffSite>> SitesOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await NavigationAsync(user, cancellationToken)).Sites;

    /// <summary>
    /// The sites (team roles only: a coach's scope is their companies, not the site's back office), whether the person has applied,
    /// belongs to a company or coaches one, in one query (the layout runs it on every page).
    /// </summary>
    public async Task<NavigationOf> NavigationAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return new NavigationOf([], false);
        }

        var coached = CoachHome.CoachedBy(db, userId, clock.Today());
        var found = await db.Users.AsNoTracking().TagWith(PreparedStatements.Tag).Where(u => u.Id == userId)
            .Select(u => new
            {
                Sites = db.SiteStaff.Where(s => s.UserId == u.Id && SiteRoles.Team.Contains(s.Role))
                    .Join(db.Sites, s => s.SiteId, site => site.Id, (s, site) => new { site.Slug, site.Name, s.Role })
                    .OrderBy(s => s.Name)
                    .ToList(),
                HasApplications = db.Applications.Any(a => a.ApplicantId == u.Id),
                HasCompanies = db.CompanyMembers.Any(m => m.UserId == u.Id),
                IsCoach = coached.Any(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? new NavigationOf([], false)
            : new NavigationOf([.. found.Sites.Select(s => new StaffSite(s.Slug, s.Name, s.Role))], found.HasApplications, found.HasCompanies, found.IsCoach);
    }
}
