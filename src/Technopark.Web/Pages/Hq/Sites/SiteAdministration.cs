using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Sites;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Hq.Sites;

/// <summary>The facts HQ edits, as one record: what <see cref="SiteAdministration.UpdateAsync"/> applies and the audit keeps.</summary>
public sealed record SiteFacts(
    string Name, string? NameEn, string? NameAr, string City, string Region, string? Address, decimal? FloorArea, int? CompanyCapacity,
    IReadOnlyList<string> Sectors, IReadOnlyList<string> Services, IReadOnlyList<string> Partners)
{
    public static SiteFacts Of(Site site) => new(site.Name, site.NameEn, site.NameAr, site.City, site.Region, site.Address,
        site.FloorAreaSquareMeters, site.CompanyCapacity, site.FocusSectors, site.ServiceCodes, site.Partners);
}

/// <summary>
/// HQ's changes to a site: creation, facts, photo, lifecycle. The site decides (<see cref="Site"/>); this adds the
/// transaction, the locks and the audit entry (before and after), saved together.
/// </summary>
public sealed class SiteAdministration(TechnoparkDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string EntityType = nameof(Site);

    public async Task<Site> CreateAsync(string slug, SiteFacts facts, SiteStatus status, CancellationToken cancellationToken)
    {
        var site = Apply(Site.Create(slug, facts.Name, facts.City, facts.Region, status), facts);
        if (await db.Sites.AnyAsync(s => s.Slug == slug, cancellationToken))
        {
            throw SlugTaken();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Sites.Add(site);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e, DbConstraints.SiteSlugUnique))
        {
            db.ChangeTracker.Clear();
            throw SlugTaken(); // another HQ created it meanwhile
        }

        audit.Record("site.create", EntityType, site.Id, site.Id, null, Snapshot(site));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return site;
    }

    public async Task UpdateAsync(int siteId, SiteFacts facts, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockSiteAsync(siteId, cancellationToken);
        var site = await db.Sites.SingleAsync(s => s.Id == siteId, cancellationToken);
        var before = SiteFacts.Of(site);
        Apply(site.Describe(facts.Name, facts.City, facts.Region), facts);
        audit.Record("site.update", EntityType, site.Id, site.Id, before, SiteFacts.Of(site));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Replaces (or adds) the site's photo with <paramref name="image"/>, already re-encoded by the app.</summary>
    public async Task SetPhotoAsync(int siteId, SitePhotoImage image, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockSiteAsync(siteId, cancellationToken);
        var photo = await db.SitePhotos.SingleOrDefaultAsync(p => p.SiteId == siteId, cancellationToken);
        var before = photo is null ? null : new { bytes = photo.Content.Length, type = photo.ContentType };
        if (photo is null)
        {
            db.SitePhotos.Add(SitePhoto.Create(siteId, image.Jpeg, SitePhotoImage.ContentType, clock.GetUtcNow()));
        }
        else
        {
            photo.Replace(image.Jpeg, SitePhotoImage.ContentType, clock.GetUtcNow());
        }

        audit.Record("site.photo", EntityType, siteId, siteId, before,
            new { bytes = image.Jpeg.Length, type = SitePhotoImage.ContentType, width = image.Width, height = image.Height, uploaded = image.UploadedBytes });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes the photo; false when there was none.</summary>
    public async Task<bool> RemovePhotoAsync(int siteId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockSiteAsync(siteId, cancellationToken);
        var photo = await db.SitePhotos.SingleOrDefaultAsync(p => p.SiteId == siteId, cancellationToken);
        if (photo is null)
        {
            return false;
        }

        db.SitePhotos.Remove(photo);
        audit.Record("site.photo", EntityType, siteId, siteId, new { bytes = photo.Content.Length, type = photo.ContentType }, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Planned ↔ UnderConstruction.</summary>
    public Task MoveAsync(int siteId, SiteStatus to, CancellationToken cancellationToken) =>
        ChangeStatusAsync(siteId, lockSpaces: false, (site, _) => Task.FromResult(site.MoveTo(to)), cancellationToken);

    /// <summary>Opens the site on <paramref name="on"/> (not after today, Morocco's day): it counts in the figures from that day.</summary>
    public Task OpenAsync(int siteId, DateOnly? on, CancellationToken cancellationToken) =>
        ChangeStatusAsync(siteId, lockSpaces: false, (site, _) => Task.FromResult(site.Open(on, clock.Today())), cancellationToken);

    /// <summary>
    /// Closes the site on <paramref name="on"/>. Under the lock of all the site's spaces (assignments and passes take the same
    /// lock), the assignments still held on or after that day are listed for <see cref="Site.Close"/>, which refuses while there is one.
    /// </summary>
    public Task CloseAsync(int siteId, DateOnly? on, CancellationToken cancellationToken) =>
        ChangeStatusAsync(siteId, lockSpaces: true, async (site, ct) => site.Close(on, on is { } day ? await CurrentAssignmentsAsync(siteId, day, ct) : []), cancellationToken);

    /// <summary>The site's assignments held on <paramref name="day"/> or after ("B-204 — Atlas Robotics"), periods being [start, end).</summary>
    public async Task<IReadOnlyCollection<string>> CurrentAssignmentsAsync(int siteId, DateOnly day, CancellationToken cancellationToken)
    {
        var held = await db.Assignments.AsNoTracking()
            .Where(a => a.SiteId == siteId && (a.Period.End == null || a.Period.End > day))
            .Join(db.Spaces, a => a.SpaceId, s => s.Id, (a, s) => new { a.CompanyId, s.Code, a.Period.Start })
            .Join(db.Companies, x => x.CompanyId, c => c.Id, (x, c) => new { x.Code, x.Start, c.LegalName })
            .OrderBy(x => x.Code).ThenBy(x => x.Start)
            .ToListAsync(cancellationToken);
        return [.. held.Select(s => $"{s.Code} — {s.LegalName}")];
    }

    private async Task ChangeStatusAsync(int siteId, bool lockSpaces, Func<Site, CancellationToken, Task<Site>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockSiteAsync(siteId, cancellationToken); // the site first, then its spaces: one lifecycle change at a time
        if (lockSpaces)
        {
            var spaceIds = await db.Spaces.Where(s => s.SiteId == siteId).Select(s => s.Id).ToArrayAsync(cancellationToken);
            await db.LockSpacesOfSiteAsync(siteId, spaceIds, cancellationToken);
        }

        var site = await db.Sites.SingleAsync(s => s.Id == siteId, cancellationToken);
        var before = Lifecycle(site);
        await change(site, cancellationToken);
        audit.Record("site.status", EntityType, site.Id, site.Id, before, Lifecycle(site));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Site Apply(Site site, SiteFacts facts) =>
        site.WithNames(facts.NameEn, facts.NameAr)
            .WithAddress(facts.Address)
            .WithCapacity(facts.FloorArea, facts.CompanyCapacity)
            .WithOffer(facts.Sectors, facts.Services, facts.Partners);

    private static object Snapshot(Site site) => new
    {
        slug = site.Slug,
        status = site.Status.ToString(),
        billingCode = site.BillingCode,
        facts = SiteFacts.Of(site),
    };

    private static object Lifecycle(Site site) => new
    {
        status = site.Status.ToString(),
        openingYear = site.OpeningYear,
        openedOn = site.OpenedOn,
        closedOn = site.ClosedOn,
    };

    private static DomainException SlugTaken() => new("Site.SlugTaken") { Field = nameof(Site.Slug) };
}
