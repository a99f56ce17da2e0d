using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Api;

public static class SitesApi
{
    public sealed record SiteDto(string Slug, string Name, string City, string Region, string Status, string? OpenedOn);

    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sites", ListAsync).AllowAnonymous().WithName("ListSites").WithSummary("The network's sites, their status and opening date");
        return api;
    }

    /// <summary>Every site of the network. <c>openedOn</c> is ISO 8601 at the precision known ("2023-11-24", "2001") or null.</summary>
    private static async Task<List<SiteDto>> ListAsync(ReadOnlyDb reads, CancellationToken cancellationToken)
    {
        var db = await reads.ContextAsync(cancellationToken);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new { s.Slug, s.Name, s.City, s.Region, s.Status, s.OpeningYear, s.OpenedOn })
            .ToListAsync(cancellationToken);
        return [.. sites.Select(s => new SiteDto(s.Slug, s.Name, s.City, s.Region, s.Status.ToString(),
            Site.FormatOpening(s.OpeningYear, s.OpenedOn)))];
    }
}
