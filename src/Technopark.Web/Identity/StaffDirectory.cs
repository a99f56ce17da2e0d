using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Technopark.Domain.Staff;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Pages.Programmes;

namespace Technopark.Web.Identity;

public sealed record StaffSite(string Slug, string Name, SiteRole Role);

/// <summary>What the navigation offers a signed-in person: the sites they work on, and whether they have applications of their own.</summary>
public sealed record NavigationOf(IReadOnlyList<StaffSite> Sites, bool HasApplications, bool HasCompanies = false, bool IsCoach = false);

/// <summary>
/// The sites a signed-in person works on as the site's team (for the navigation), and whether they coach a company today. The
/// layout asks on every page: what was found is kept per person and day with <see cref="DataVersion.Current"/>, which moves at
/// once when this instance saves a site role, a membership, an enrolment, an application or a site, and within milliseconds
/// when another instance or raw SQL does (migrations InstancesNotify, NavigationNotify). While the listener does not listen
/// (<see cref="DataVersion.Coherent"/> false) it is read every time.
/// </summary>
public sealed class StaffDirectory(TechnoparkDbContext db, TimeProvider clock, DataVersion version, IMemoryCache cache)
{
    /// <summary>How long a navigation is kept at most without a change (a change moves the version sooner).</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The sites (team roles only: a coach's scope is their companies, not the site's back office), whether the person has applied,
    /// belongs to a company or coaches one, in one query (the layout runs it on every page), or as kept since the last change.
    /// </summary>
    public async Task<NavigationOf> NavigationAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return new NavigationOf([], false);
        }

        var today = clock.Today(); // a coached enrolment is current or not on a day
        var key = (nameof(NavigationOf), userId, today);
        var current = version.Current; // read before the database: a change committed after it moves it, and this is not kept
        if (version.Coherent && cache.TryGetValue(key, out Kept? kept) && kept!.Version == current)
        {
            return kept.Navigation;
        }

        var navigation = await ReadAsync(userId, today, cancellationToken);
        if (version.Coherent)
        {
            cache.Set(key, new Kept(current, navigation), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remembered, Size = 1, Priority = CacheItemPriority.High });
        }

        return navigation;
    }

    private async Task<NavigationOf> ReadAsync(string userId, DateOnly today, CancellationToken cancellationToken)
    {
        var coached = CoachHome.CoachedBy(db, userId, today);
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

    private sealed record Kept(long Version, NavigationOf Navigation);
}
