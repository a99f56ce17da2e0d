using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Applications;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Apply;

/// <summary>
/// Base of the draft's steps (/apply/{id}/…): loads the signed-in person's own application (404 for
/// anyone else) and sends to the read-only view once it is no longer a draft.
/// </summary>
public abstract class ApplicantPageModel : PageModel
{
    public Application Application { get; private set; } = null!;

    public string SiteName { get; private set; } = string.Empty;

    public IReadOnlyList<string> SiteSectors { get; private set; } = [];

    protected string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var db = HttpContext.RequestServices.GetRequiredService<TechnoparkDbContext>();
        var id = int.TryParse(RouteData.Values["id"] as string, out var value) ? value : 0;
        var userId = UserId;
        var application = await db.Applications.Include(a => a.Documents).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id && a.ApplicantId == userId, HttpContext.RequestAborted);
        if (application is null)
        {
            context.Result = NotFound();
            return;
        }

        if (!application.IsEditable)
        {
            context.Result = RedirectToPage("/Apply/View", new { id });
            return;
        }

        Application = application;
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == application.SiteId)
            .Select(s => new { s.Name, s.FocusSectors }).SingleAsync(HttpContext.RequestAborted);
        SiteName = site.Name;
        SiteSectors = site.FocusSectors.Count > 0 ? site.FocusSectors : [.. Domain.Sites.Sectors.All.Order()];
        await next();
    }
}
