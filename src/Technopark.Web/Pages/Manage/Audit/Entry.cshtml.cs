using Microsoft.AspNetCore.Mvc;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Hq.Audit;
using Technopark.Web.Pages.Shared;

namespace Technopark.Web.Pages.Manage.Audit;

/// <summary>/manage/{slug}/audit/{id}: one entry of the site's trail; another site's entry, or one of no site, is a 404.</summary>
public sealed class EntryModel(AuditTrailReader reader) : SitePageModel
{
    protected override string Policy => Policies.SiteManager;

    public AuditEntryModel Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await reader.FindAsync(id, Site.SiteId, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        Entry = new AuditEntryModel(entry, SiteName, Site.Slug);
        return Page();
    }
}
