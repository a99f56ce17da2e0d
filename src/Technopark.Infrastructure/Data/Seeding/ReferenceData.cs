using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Sites;
using S = Technopark.Domain.Sites.Services;

namespace Technopark.Infrastructure.Data.Seeding;

/// <summary>
/// The network's real sites, from public facts (see shared/DESIGN.md), seeded in every environment when they are
/// missing. Once a site exists HQ owns its facts (/hq/sites): a start never overwrites them.
/// Where a fact was not published (Rabat's area, Oujda's opening date…) it stays empty.
/// </summary>
public static class ReferenceData
{
    public static IReadOnlyList<Site> Sites() =>
    [
        Site.Create("casablanca", "Technopark Casablanca", "Casablanca", "Casablanca-Settat", SiteStatus.Operational).WithBillingCode("CAS")
            .WithNames("Technopark Casablanca", "تكنوبارك الدار البيضاء")
            .Opened(2001)
            .WithOffer([Sectors.Digital, Sectors.It, Sectors.GreenTech], S.Core, []),
        Site.Create("rabat", "Technopark Rabat", "Rabat", "Rabat-Salé-Kénitra", SiteStatus.Operational).WithBillingCode("RBA")
            .WithNames("Technopark Rabat", "تكنوبارك الرباط")
            .Opened(2012)
            .WithOffer([Sectors.Digital, Sectors.It, Sectors.GreenTech], S.Core, []),
        Site.Create("tanger", "Technopark Tanger", "Tanger", "Tanger-Tétouan-Al Hoceima", SiteStatus.Operational).WithBillingCode("TNG")
            .WithNames("Technopark Tangier", "تكنوبارك طنجة")
            .Opened(2015)
            .WithCapacity(null, 100)
            .WithOffer(
                [Sectors.Digital, Sectors.RenewableEnergy, Sectors.CreativeIndustries],
                [.. S.Core, S.Coworking, S.ConferenceRoom, S.KidsLab, S.BankAgency, S.OfficeSupplies, S.MeetingRooms, S.TrainingRooms, S.Parking],
                ["AFEM", "Réseau Entreprendre Maroc", "Maroc Numeric Fund", "CJD", "Injaz Al Maghrib"]),
        Site.Create("agadir", "Technopark Agadir", "Agadir", "Souss-Massa", SiteStatus.Operational).WithBillingCode("AGA")
            .WithNames("Technopark Agadir", "تكنوبارك أكادير")
            .Opened(2021)
            .WithOffer([Sectors.Digital, Sectors.AgriTech, Sectors.GreenTech], S.Core, ["Cité de l'Innovation Souss-Massa"]),
        Site.Create("essaouira", "Technopark Essaouira", "Essaouira", "Marrakech-Safi", SiteStatus.Operational).WithBillingCode("ESS")
            .WithNames("Technopark Essaouira", "تكنوبارك الصويرة")
            .Opened(2023, new DateOnly(2023, 11, 24))
            .WithCapacity(null, 70)
            .WithOffer(
                [Sectors.Digital, Sectors.CreativeIndustries, Sectors.Tourism],
                [.. S.Core, S.Coworking, S.TrainingRooms, S.CollaborativeSpaces, S.DigitalNomads],
                []),
        Site.Create("oujda", "Technopark Oujda", "Oujda", "Oriental", SiteStatus.Operational).WithBillingCode("OUJ")
            .WithNames("Technopark Oujda", "تكنوبارك وجدة")
            .WithCapacity(4000, 60)
            .WithOffer(
                [Sectors.It, Sectors.GreenTech, Sectors.CreativeIndustries],
                [.. S.Core, S.PlugAndPlay, S.Coworking],
                ["Université Mohammed 1er"]),
        Site.Create("khemisset", "Technopark Khémisset", "Khémisset", "Rabat-Salé-Kénitra", SiteStatus.UnderConstruction).WithBillingCode("KHE")
            .WithNames("Technopark Khemisset", "تكنوبارك الخميسات")
            .WithCapacity(2027, 58)
            .WithOffer([Sectors.Digital, Sectors.Services], [.. S.Core, S.Coworking, S.MeetingRooms, S.ProximityServices], []),
        Site.Create("fes", "Technopark Fès", "Fès", "Fès-Meknès", SiteStatus.Planned).WithBillingCode("FES")
            .WithNames("Technopark Fez", "تكنوبارك فاس"),
        Site.Create("tiznit", "Technopark Tiznit", "Tiznit", "Souss-Massa", SiteStatus.Planned).WithBillingCode("TIZ")
            .WithNames("Technopark Tiznit", "تكنوبارك تيزنيت"),
    ];

    /// <summary>Inserts the sites that are missing (by slug); never touches one that exists.</summary>
    public static async Task ApplyAsync(TechnoparkDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Sites.Select(s => s.Slug).ToHashSetAsync(cancellationToken);
        db.Sites.AddRange(Sites().Where(s => !existing.Contains(s.Slug)));
        await db.SaveChangesAsync(cancellationToken);
    }
}
