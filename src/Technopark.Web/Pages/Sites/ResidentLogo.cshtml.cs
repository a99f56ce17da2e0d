using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Pages.Companies;

namespace Technopark.Web.Pages.Sites;

/// <summary>
/// A logo of the public directory, for anyone: only for a company the directory lists today at that site, 404 for any
/// other (not opted in, left, another site's), so that the URL reveals nothing the directory does not show.
/// </summary>
public sealed class ResidentLogoModel(TechnoparkDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, int companyId, long? v, CancellationToken cancellationToken)
    {
        var siteId = await db.Sites.Where(s => s.Slug == slug).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken);
        if (siteId is not { } site)
        {
            return NotFound();
        }

        var listed = db.ListedResidents(site, clock.Today());
        var logo = await db.CompanyLogos.AsNoTracking()
            .Where(l => l.CompanyId == companyId && listed.Any(c => c.Id == l.CompanyId))
            .Select(l => new { l.Content, l.UpdatedAt }).SingleOrDefaultAsync(cancellationToken);
        return logo is null ? NotFound() : LogoImages.Serve(Response, logo.Content, logo.UpdatedAt, v, isPublic: true);
    }
}
