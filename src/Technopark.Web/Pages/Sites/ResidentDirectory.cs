using Technopark.Domain.Companies;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Sites;

/// <summary>A company of the public directory of a site's residents.</summary>
public sealed record ResidentCard(int Id, string LegalName, string? ArabicName, string Sector, string? Pitch, string? Website, DateTimeOffset? LogoUpdatedAt)
{
    /// <summary>The website as a link only when it is an absolute http or https address (never a javascript: or data: one).</summary>
    public string? SafeWebsite => Website is not null && Uri.TryCreate(Website, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.AbsoluteUri : null;
}

/// <summary>Who the public directory of a site shows on a day: one rule, read by the list and by the public logo.</summary>
public static class ResidentDirectory
{
    /// <summary>
    /// Companies of the site whose members opted in, that have not left by <paramref name="day"/> and hold an assignment at
    /// that site on that day (<see cref="AssignmentFilters.HeldOn"/>): no alumni, no future residents, no other site's.
    /// </summary>
    public static IQueryable<Company> ListedResidents(this TechnoparkDbContext db, int siteId, DateOnly day) =>
        db.Companies.Where(c => c.SiteId == siteId && c.ListedInDirectory && (c.ExitedOn == null || c.ExitedOn > day)
            && db.Assignments.HeldOn(day).Any(a => a.CompanyId == c.Id && a.SiteId == siteId));
}
