using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Authorization;

/// <summary>
/// Base of every /manage/{slug} page: resolves the site from the URL (404 when unknown) and runs the
/// site-scope policy on it (403 otherwise) before any handler runs; NetworkAdmin without a role on the
/// site reads but cannot post (403). Handlers then use <see cref="Site"/>
/// and must scope every query and every id from a form to <c>Site.SiteId</c>.
/// </summary>
public abstract class SitePageModel : PageModel
{
    /// <summary>The policy the page needs: <see cref="Policies.SiteStaff"/> unless the page says otherwise.</summary>
    protected virtual string Policy => Policies.SiteStaff;

    public SiteResource Site { get; private set; } = null!;

    public string SiteName { get; private set; } = string.Empty;

    /// <summary>NetworkAdmin without a role on this site: the pages show, nothing can be changed.</summary>
    public bool IsHqReadOnly { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = HttpContext.RequestServices;
        // Looked up already by the /Manage folder policy for this request, else here.
        var site = HttpContext.Items[SiteAccessHandler.SiteKey] as (SiteResource Site, string Name)?
            ?? await SiteAccessHandler.FindSiteAsync(services.GetRequiredService<TechnoparkDbContext>(),
                RouteData.Values["slug"] as string ?? string.Empty, HttpContext.RequestAborted);
        if (site is not { } found)
        {
            context.Result = NotFound();
            return;
        }

        (Site, SiteName) = found;

        var authorization = services.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(User, Site, Policy)).Succeeded)
        {
            context.Result = Forbid();
            return;
        }

        IsHqReadOnly = !(await authorization.AuthorizeAsync(User, Site, Policies.SiteMember)).Succeeded;
        if (IsHqReadOnly && !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            context.Result = Forbid();
            return;
        }

        ViewData["HqReadOnly"] = IsHqReadOnly;
        await next();
    }
}
