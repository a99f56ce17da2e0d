using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Events;

/// <summary>One site's upcoming events, for anyone (linked from the site's page).</summary>
public sealed class SiteModel(TechnoparkDbContext db, PublicEvents events) : PageModel
{
    public string Slug { get; private set; } = string.Empty;

    public string SiteName { get; private set; } = string.Empty;

    public IReadOnlyList<PublicEvent> Events { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var lower = slug.ToLowerInvariant();
        var site = await db.Sites.AsNoTracking().Where(s => s.Slug == lower).Select(s => new { s.Slug, s.Name }).SingleOrDefaultAsync(cancellationToken);
        if (site is null)
        {
            return NotFound();
        }

        (Slug, SiteName) = (site.Slug, site.Name);
        Events = await events.ListAsync(new EventFilter(site.Slug, null, null, false), cancellationToken);
        return Page();
    }
}
