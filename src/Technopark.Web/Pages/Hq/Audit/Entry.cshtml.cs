using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Web.Pages.Shared;

namespace Technopark.Web.Pages.Hq.Audit;

/// <summary>/hq/audit/{id}: one entry of the network's trail, before and after side by side; an unknown id is a 404.</summary>
public sealed class EntryModel(AuditTrailReader reader) : PageModel
{
    public AuditEntryModel Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await reader.FindAsync(id, scope: null, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        var sites = await reader.SitesAsync(cancellationToken);
        Entry = new AuditEntryModel(entry, sites.FirstOrDefault(s => s.Id == entry.SiteId)?.Name, Slug: null);
        return Page();
    }
}
