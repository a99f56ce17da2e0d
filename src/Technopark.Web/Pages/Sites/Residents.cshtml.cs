using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Sites;

/// <summary>The public directory of a site's residents today (see <see cref="ResidentDirectory.ListedResidents"/>), by name: two SQL statements.</summary>
public sealed class ResidentsModel(TechnoparkDbContext db, TimeProvider clock) : PageModel
{
    public string Slug { get; private set; } = string.Empty;

    public string SiteName { get; private set; } = string.Empty;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<ResidentCard> Residents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var site = await db.Sites.AsNoTracking().Where(s => s.Slug == slug).Select(s => new { s.Id, s.Slug, s.Name }).SingleOrDefaultAsync(cancellationToken);
        if (site is null)
        {
            return NotFound();
        }

        (Slug, SiteName, Today) = (site.Slug, site.Name, clock.Today());
        Residents = await db.ListedResidents(site.Id, Today).AsNoTracking()
            .OrderBy(c => c.LegalName).ThenBy(c => c.Id)
            .Select(c => new ResidentCard(c.Id, c.LegalName, c.ArabicName, c.Sector, c.Pitch, c.Website,
                db.CompanyLogos.Where(l => l.CompanyId == c.Id).Select(l => (DateTimeOffset?)l.UpdatedAt).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
