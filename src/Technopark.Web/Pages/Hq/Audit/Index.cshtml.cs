using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Technopark.Web.Pages.Hq.Audit;

/// <summary>/hq/audit: the network's audit trail, filtered by days, site, person, kind and action, a page at a time (<see cref="AuditTrailReader"/>).</summary>
public sealed class IndexModel(AuditTrailReader reader) : PageModel
{
    public AuditListView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        View = await reader.ListAsync(AuditQuery.Of(Request.Query), scope: null, cancellationToken);
}
