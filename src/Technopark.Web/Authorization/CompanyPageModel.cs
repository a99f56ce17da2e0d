using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Authorization;

/// <summary>The company a /company/{id} request is about, as its pages show it.</summary>
public sealed record CompanyResource(int CompanyId, string LegalName, int SiteId, string SiteSlug, string SiteName, ExitReason? ExitReason, DateOnly? ExitedOn)
{
    public bool HasLeft => ExitedOn is not null;
}

/// <summary>
/// Base of every /company/{id} page: resolves the company from the URL (404 when unknown) and who the user is to it
/// (<see cref="CompanyAccess"/>: member, its site's staff, HQ), refusing anyone else (403) before any handler runs.
/// Handlers that change something check the matching <c>Access.Can…</c> (<see cref="Require"/>), and must scope every
/// id from a form to <c>Company.CompanyId</c>. A company's records are never shown on another company's page.
/// </summary>
public abstract class CompanyPageModel : PageModel
{
    public CompanyResource Company { get; private set; } = null!;

    public CompanyAccess Access { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var db = HttpContext.RequestServices.GetRequiredService<TechnoparkDbContext>();
        if (!int.TryParse(RouteData.Values["id"] as string, out var id)
            || await CompanyAccessReader.FindAsync(db, id, HttpContext.RequestAborted) is not { } company)
        {
            context.Result = NotFound();
            return;
        }

        Company = company;
        var today = SiteTime.DayOf(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        Access = await CompanyAccessReader.ReadAsync(db, User, company, today, HttpContext.RequestAborted);
        if (!MayRead(Access))
        {
            context.Result = Forbid();
            return;
        }

        ViewData["Company"] = company;
        await next();
    }

    /// <summary>Who may open the page: readers of the company; the coaching pages let its coach in too (<see cref="CompanyAccess.CanReadCoaching"/>).</summary>
    protected virtual bool MayRead(CompanyAccess access) => access.CanRead;

    /// <summary>403 unless <paramref name="allowed"/>: a handler's own permission check, e.g. <c>Require(Access.CanManageTeam)</c>.</summary>
    protected IActionResult? Require(bool allowed) => allowed ? null : Forbid();

    /// <summary>The signed-in user's id.</summary>
    protected string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}

/// <summary>Reads who a person is to a company from the membership and site-staff tables (never a copy of them).</summary>
public static class CompanyAccessReader
{
    public static async Task<CompanyResource?> FindAsync(TechnoparkDbContext db, int companyId, CancellationToken cancellationToken) =>
        await db.Companies.AsNoTracking().Where(c => c.Id == companyId)
            .Join(db.Sites, c => c.SiteId, s => s.Id, (c, s) => new CompanyResource(c.Id, c.LegalName, s.Id, s.Slug, s.Name, c.ExitReason, c.ExitedOn))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Who <paramref name="user"/> is to <paramref name="company"/> on <paramref name="today"/> (a coach's scope follows the current enrolment).</summary>
    public static async Task<CompanyAccess> ReadAsync(TechnoparkDbContext db, ClaimsPrincipal user, CompanyResource company, DateOnly today,
        CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var isAdmin = user.IsInRole(Roles.NetworkAdmin);
        if (userId is null)
        {
            return new CompanyAccess(null, false, false, isAdmin, company.HasLeft);
        }

        var role = await db.CompanyMembers.AsNoTracking().Where(m => m.CompanyId == company.CompanyId && m.UserId == userId)
            .Select(m => (CompanyRole?)m.Role).FirstOrDefaultAsync(cancellationToken);
        var staff = await db.SiteStaff.AsNoTracking().Where(s => s.SiteId == company.SiteId && s.UserId == userId)
            .Select(s => s.Role).ToListAsync(cancellationToken);
        var isCoach = staff.Count > 0
            && await Pages.Programmes.CoachHome.CoachedBy(db, userId, today).AnyAsync(e => e.CompanyId == company.CompanyId, cancellationToken);
        return new CompanyAccess(role, staff.Any(SiteRoles.IsTeam), staff.Contains(SiteRole.SiteManager), isAdmin, company.HasLeft, isCoach);
    }
}
