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
        if (await SiteAccessHandler.FindSiteAsync(db, RouteData.Values["slug"] as string ?? string.Empty, HttpContext.RequestAborted) is not { } found)
        {
            context.Result = NotFound();
            return;
        }

        (Site, SiteName) = found;
        Access = await RoomAccessReader.ReadAsync(db, User, Site.SiteId, services.GetRequiredService<TimeProvider>().Today(), HttpContext.RequestAborted);
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
    public static async Task<RoomAccess> ReadAsync(TechnoparkDbContext db, ClaimsPrincipal user, int siteId, DateOnly today, CancellationToken cancellationToken)
    {
        var isAdmin = user.IsInRole(Roles.NetworkAdmin);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return new RoomAccess(false, isAdmin, []);
        }

        var isStaff = await db.SiteStaff.AnyAsync(s => s.SiteId == siteId && s.UserId == userId, cancellationToken);
        var companies = await ResidentCompaniesOf(db, userId, siteId, today)
            .OrderBy(c => c.LegalName)
            .Select(c => new BookingCompany(c.Id, c.LegalName))
            .ToListAsync(cancellationToken);
        return new RoomAccess(isStaff, isAdmin, companies);
    }

    /// <summary>
    /// The companies of the site a person is a member of and that have not left by <paramref name="today"/>: a company
    /// is a resident of its site from its acceptance (with or without an office yet) until its exit.
    /// </summary>
    public static IQueryable<Domain.Companies.Company> ResidentCompaniesOf(TechnoparkDbContext db, string userId, int siteId, DateOnly today) =>
        db.Companies.Where(c => c.SiteId == siteId && (c.ExitedOn == null || c.ExitedOn > today)
            && db.CompanyMembers.Any(m => m.CompanyId == c.Id && m.UserId == userId));
}
