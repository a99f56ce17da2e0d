using Technopark.Web.Authorization;
using Technopark.Web.Pages.Hq.Audit;

namespace Technopark.Web.Pages.Manage.Audit;

/// <summary>/manage/{slug}/audit: the site's audit trail for its managers (NetworkAdmin reads), always limited to the site's entries.</summary>
public sealed class IndexModel(AuditTrailReader reader) : SitePageModel
{
    protected override string Policy => Policies.SiteManager;

    public AuditListView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        View = await reader.ListAsync(AuditQuery.Of(Request.Query) with { Site = null }, Site.SiteId, cancellationToken);
}
