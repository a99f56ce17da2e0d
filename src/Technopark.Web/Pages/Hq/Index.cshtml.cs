using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Domain.Network;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// The network dashboard on any day: per site and for the network, offices and seats held, free
/// offices, assignments ending within 90 days, the waiting list; the application pipeline; HQ's tools.
/// Two SQL statements whatever the number of sites (both cached per day).
/// </summary>
public sealed class IndexModel(HqReports reports) : PageModel
{
    private const string StandInSlug = "board-link-stand-in";

    private string? _boardLink;

    private Dictionary<int, SiteDay>? _sitesById;

    public DateOnly On { get; private set; }

    public IReadOnlyList<SiteDay> Sites { get; private set; } = [];

    public NetworkDay Network { get; private set; } = new(0, 0, 0, 0, 0, 0);

    public IReadOnlyList<PipelineRow> Pipeline { get; private set; } = [];

    public async Task OnGetAsync(string? on, CancellationToken cancellationToken)
    {
        On = reports.Day(on);
        (Sites, Pipeline) = await reports.SitesAndPipelineAsync(On, cancellationToken);
        Network = HqReports.Network(Sites);
    }

    /// <summary>
    /// The link to a site's board on the page's day. The route is generated once per page for a stand-in slug and the slug put
    /// in per row (a slug has nothing to escape: <see cref="Domain.Sites.Site.IsValidSlug"/>): link generation per row cost a
    /// third of the table's rendering.
    /// </summary>
    public string BoardLink(string slug)
    {
        _boardLink ??= Url.Page("/Manage/Board", new { slug = StandInSlug, on = Localization.Display.Iso(On) })!;
        return _boardLink.Replace(StandInSlug, slug, StringComparison.Ordinal);
    }

    public string? SiteSlug(int siteId) => Site(siteId)?.Slug;

    public string SiteName(int siteId) => Site(siteId)?.Name ?? siteId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A site of the page by its id, for the pipeline's rows (two scans of the sites per row grew with the square of the sites).</summary>
    private SiteDay? Site(int siteId) => (_sitesById ??= Sites.ToDictionary(s => s.SiteId)).GetValueOrDefault(siteId);
}
