using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Sites;
using S = Technopark.Domain.Sites.Services;

namespace Technopark.Infrastructure.Data.Seeding;

/// <summary>
/// The network's real sites, from public facts (see shared/DESIGN.md). Present in every
/// environment and re-applied on every start: the facts here win over the database.
/// Where a fact was not published (Rabat's area, Oujda's opening date…) it stays empty.
/// </summary>
public static class ReferenceData
{
    public static IReadOnlyList<Site> Sites() =>
    [
        Site.Create("casablanca", "Technopark Casablanca", "Casablanca", "Casablanca-Settat", SiteStatus.Operational).WithBillingCode("CAS")
            .Opened(2001)
            .WithOffer([Sectors.Digital, Sectors.It, Sectors.GreenTech], S.Core, []),
        Site.Create("rabat", "Technopark Rabat", "Rabat", "Rabat-Salé-Kénitra", SiteStatus.Operational).WithBillingCode("RBA")
            .Opened(2012)
            .WithOffer([Sectors.Digital, Sectors.It, Sectors.GreenTech], S.Core, []),
        Site.Create("tanger", "Technopark Tanger", "Tanger", "Tanger-Tétouan-Al Hoceima", SiteStatus.Operational).WithBillingCode("TNG")
            .Opened(2015)
            .WithCapacity(null, 100)
            .WithOffer(
                [Sectors.Digital, Sectors.RenewableEnergy, Sectors.CreativeIndustries],
                [.. S.Core, S.Coworking, S.ConferenceRoom, S.KidsLab, S.BankAgency, S.OfficeSupplies, S.MeetingRooms, S.TrainingRooms, S.Parking],
                ["AFEM", "Réseau Entreprendre Maroc", "Maroc Numeric Fund", "CJD", "Injaz Al Maghrib"]),
        Site.Create("agadir", "Technopark Agadir", "Agadir", "Souss-Massa", SiteStatus.Operational).WithBillingCode("AGA")
            .Opened(2021)
            .WithOffer([Sectors.Digital, Sectors.AgriTech, Sectors.GreenTech], S.Core, ["Cité de l'Innovation Souss-Massa"]),
        Site.Create("essaouira", "Technopark Essaouira", "Essaouira", "Marrakech-Safi", SiteStatus.Operational).WithBillingCode("ESS")
            .Opened(2023, new DateOnly(2023, 11, 24))
            .WithCapacity(null, 70)
            .WithOffer(
                [Sectors.Digital, Sectors.CreativeIndustries, Sectors.Tourism],
                [.. S.Core, S.Coworking, S.TrainingRooms, S.CollaborativeSpaces, S.DigitalNomads],
                []),
        Site.Create("oujda", "Technopark Oujda", "Oujda", "Oriental", SiteStatus.Operational).WithBillingCode("OUJ")
            .WithCapacity(4000, 60)
            .WithOffer(
                [Sectors.It, Sectors.GreenTech, Sectors.CreativeIndustries],
                [.. S.Core, S.PlugAndPlay, S.Coworking],
                ["Université Mohammed 1er"]),
        Site.Create("khemisset", "Technopark Khémisset", "Khémisset", "Rabat-Salé-Kénitra", SiteStatus.UnderConstruction).WithBillingCode("KHE")
            .WithCapacity(2027, 58)
            .WithOffer([Sectors.Digital, Sectors.Services], [.. S.Core, S.Coworking, S.MeetingRooms, S.ProximityServices], []),
        Site.Create("fes", "Technopark Fès", "Fès", "Fès-Meknès", SiteStatus.Planned).WithBillingCode("FES"),
        Site.Create("tiznit", "Technopark Tiznit", "Tiznit", "Souss-Massa", SiteStatus.Planned).WithBillingCode("TIZ"),
    ];

    /// <summary>Inserts missing sites and brings existing ones back to the reference facts.</summary>
    public static async Task ApplyAsync(TechnoparkDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Sites.ToDictionaryAsync(s => s.Slug, cancellationToken);
        foreach (var site in Sites())
        {
            if (existing.TryGetValue(site.Slug, out var current))
            {
                current.Describe(site.Name, site.City, site.Region, site.Status)
                    .Opened(site.OpeningYear, site.OpenedOn)
                    .WithCapacity(site.FloorAreaSquareMeters, site.CompanyCapacity)
                    .WithOffer(site.FocusSectors, site.ServiceCodes, site.Partners)
                    .WithBillingCode(site.BillingCode);
            }
            else
            {
                db.Sites.Add(site);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
