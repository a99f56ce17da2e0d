using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Technopark.Web.Pages.Hq.Audit;

/// <summary>/hq/audit.csv?…: the entries of the filter /hq/audit shows, all of them (<see cref="AuditCsv"/>). A filter it refuses goes back to /hq/audit, which says why.</summary>
public sealed class ExportModel(AuditTrailReader reader, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var query = AuditQuery.Of(Request.Query);
        if ((await reader.FilterAsync(query, scope: null, sites: null, cancellationToken)).Filter is not { } filter)
        {
            return RedirectToPage("/Hq/Audit/Index", query.RouteValues());
        }

        return await AuditCsv.ResultAsync(reader, filter, "journal-audit.csv", l, cancellationToken);
    }
}
