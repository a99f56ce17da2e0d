using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Sites;

public sealed record SiteCard(
    string Slug, string Name, string City, string Region, SiteStatus Status, int? OpeningYear, DateOnly? OpenedOn,
    int? CompanyCapacity, SiteDay Occupancy, string? NameEn = null, string? NameAr = null, DateOnly? ClosedOn = null)
{
    /// <summary>The name in the reader's language (the French one where HQ gave none).</summary>
    public string LocalName => Site.NameIn(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, Name, NameEn, NameAr);
}

public sealed record SpaceKindOffer(SpaceKind Kind, int Count, int Seats, decimal? FromRate);

public sealed record SiteDetails(
    SiteCard Card, decimal? FloorArea, IReadOnlyList<string> Sectors, IReadOnlyList<string> Services,
    IReadOnlyList<string> Partners, IReadOnlyList<SpaceKindOffer> Offer, string? Address = null, DateTimeOffset? PhotoUpdatedAt = null)
{
    public bool AcceptsApplications => Site.AcceptsApplicationsWhen(Card.Status);
}

/// <summary>The public view of the network: sites, their facts and free capacity on a day (from the read replica when it may answer).</summary>
public sealed class SiteDirectory(ReadOnlyDb reads, NetworkQueries network)
{
    public async Task<IReadOnlyList<SiteCard>> ListAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var db = await reads.ContextAsync(cancellationToken);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Slug, s.Name, s.NameEn, s.NameAr, s.City, s.Region, s.Status, s.OpeningYear, s.OpenedOn, s.ClosedOn, s.CompanyCapacity })
            .ToListAsync(cancellationToken);
        var occupied = (await network.SitesOnAsync(day, cancellationToken)).ToDictionary(o => o.SiteId); // a row for every site
        return [.. sites.Select(s => new SiteCard(s.Slug, s.Name, s.City, s.Region, s.Status, s.OpeningYear, s.OpenedOn,
            s.CompanyCapacity, occupied[s.Id], s.NameEn, s.NameAr, s.ClosedOn))];
    }

    public async Task<SiteDetails?> FindAsync(string slug, DateOnly day, CancellationToken cancellationToken)
    {
        var db = await reads.ContextAsync(cancellationToken);
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (site is null)
        {
            return null;
        }

        var occupied = (await network.SitesOnAsync(day, cancellationToken, site.Id)).Single();
        var offer = await db.Spaces.AsNoTracking()
            .Where(s => s.SiteId == site.Id && s.IsActive)
            .GroupBy(s => s.Kind)
            .Select(g => new SpaceKindOffer(g.Key, g.Count(), g.Sum(s => s.Seats), g.Min(s => (decimal?)s.MonthlyRate)))
            .ToListAsync(cancellationToken);
        var photo = await db.SitePhotos.Where(p => p.SiteId == site.Id).Select(p => (DateTimeOffset?)p.UpdatedAt).SingleOrDefaultAsync(cancellationToken);
        var card = new SiteCard(site.Slug, site.Name, site.City, site.Region, site.Status, site.OpeningYear, site.OpenedOn,
            site.CompanyCapacity, occupied, site.NameEn, site.NameAr, site.ClosedOn);
        return new SiteDetails(card, site.FloorAreaSquareMeters, site.FocusSectors, site.ServiceCodes, site.Partners,
            [.. offer.OrderBy(o => o.Kind)], site.Address, photo);
    }
}
