using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Rooms;
using Technopark.Domain.Staff;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Rooms;

/// <summary>
/// Base of every /sites/{slug}/rooms page: resolves the site from the URL (404 when unknown) and who the user is to
/// its rooms (<see cref="RoomAccess"/>), refusing anyone who is neither a member of a resident company of the site,
/// nor its staff, nor NetworkAdmin (403) before any handler runs; HQ without a role on the site cannot post (403).
/// Handlers scope every id from the URL or a form to <c>Site.SiteId</c>.
/// </summary>
public abstract class RoomsPageModel : PageModel
{
    public SiteResource Site { get; private set; } = null!;

    public string SiteName { get; private set; } = string.Empty;

    public RoomAccess Access { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = HttpContext.RequestServices;
        var db = services.GetRequiredService<TechnoparkDbContext>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        if (await RoomAccessReader.FindAsync(db, User, RouteData.Values["slug"] as string ?? string.Empty, today, HttpContext.RequestAborted) is not { } found)
        {
            context.Result = NotFound();
            return;
        }

        (Site, SiteName, Access) = found;
        if (!Access.CanView || (Access.IsReadOnly && !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method)))
        {
            context.Result = Forbid();
            return;
        }

        ViewData["HqReadOnly"] = Access.IsReadOnly;
        await next();
    }

    /// <summary>The signed-in user's id.</summary>
    protected string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}

/// <summary>Reads who a person is to a site's rooms from the site-staff and membership tables (never a copy of them).</summary>
public static class RoomAccessReader
{
    public static async Task<RoomAccess> ReadAsync(TechnoparkDbContext db, ClaimsPrincipal user, int siteId, DateOnly today, CancellationToken cancellationToken) =>
        (await ReadAsync(db, db.Sites.Where(s => s.Id == siteId), user, today, cancellationToken))?.Access ?? new RoomAccess(false, user.IsInRole(Roles.NetworkAdmin), []);

    /// <summary>
    /// The site a URL's slug names (any letter case), its name and who the person is to its rooms, in ONE statement (the day
    /// view's budget is five); null when there is no such site.
    /// </summary>
    public static async Task<(SiteResource Site, string Name, RoomAccess Access)?> FindAsync(TechnoparkDbContext db, ClaimsPrincipal user, string slug,
        DateOnly today, CancellationToken cancellationToken)
    {
        var lower = slug.ToLowerInvariant();
        return await ReadAsync(db, db.Sites.Where(s => s.Slug == lower), user, today, cancellationToken);
    }

    private static async Task<(SiteResource Site, string Name, RoomAccess Access)?> ReadAsync(TechnoparkDbContext db, IQueryable<Domain.Sites.Site> sites, ClaimsPrincipal user,
        DateOnly today, CancellationToken cancellationToken)
    {
        var isAdmin = user.IsInRole(Roles.NetworkAdmin);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty; // anonymous: no staff row, no membership
        var found = await sites.AsNoTracking()
            .Select(s => new
            {
                s.Id,
                s.Slug,
                s.Name,
                IsStaff = db.SiteStaff.Any(x => x.SiteId == s.Id && x.UserId == userId && SiteRoles.Team.Contains(x.Role)),
                Companies = db.Companies
                    .Where(c => c.SiteId == s.Id && (c.ExitedOn == null || c.ExitedOn > today) && db.CompanyMembers.Any(m => m.CompanyId == c.Id && m.UserId == userId))
                    .OrderBy(c => c.LegalName)
                    .Select(c => new BookingCompany(c.Id, c.LegalName))
                    .ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (new SiteResource(found.Id, found.Slug), found.Name, new RoomAccess(found.IsStaff, isAdmin, found.Companies));
    }

    /// <summary>
    /// The companies of the site a person is a member of and that have not left by <paramref name="today"/>: a company
    /// is a resident of its site from its acceptance (with or without an office yet) until its exit.
    /// </summary>
    public static IQueryable<Domain.Companies.Company> ResidentCompaniesOf(TechnoparkDbContext db, string userId, int siteId, DateOnly today) =>
        db.Companies.Where(c => c.SiteId == siteId && (c.ExitedOn == null || c.ExitedOn > today)
            && db.CompanyMembers.Any(m => m.CompanyId == c.Id && m.UserId == userId));
}
