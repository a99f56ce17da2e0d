using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Hq.Audit;

namespace Technopark.Web.Pages.Manage.Audit;

/// <summary>/manage/{slug}/audit.csv?…: the site's entries of the filter its trail shows, all of them; a refused filter goes back to the trail.</summary>
public sealed class ExportModel(AuditTrailReader reader, IStringLocalizer<SharedResource> l) : SitePageModel
{
    protected override string Policy => Policies.SiteManager;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var query = AuditQuery.Of(Request.Query) with { Site = null };
        if ((await reader.FilterAsync(query, Site.SiteId, sites: null, cancellationToken)).Filter is not { } filter)
        {
            var values = query.RouteValues(withSite: false);
            values["slug"] = Site.Slug;
            return RedirectToPage("/Manage/Audit/Index", values);
        }

        return await AuditCsv.ResultAsync(reader, filter, $"journal-audit-{Site.Slug}.csv", l, cancellationToken);
    }
}
