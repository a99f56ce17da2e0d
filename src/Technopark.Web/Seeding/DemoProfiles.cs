using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Web.Pages.Companies;

namespace Technopark.Web.Seeding;

/// <summary>
/// Demo profiles for the public directory of residents: "Bab Bahr Robotics SARL" (when the residents' seeder made it) and
/// the first current residents of Tanger and Casablanca get a website, a pitch, the directory opt-in and a drawn logo
/// (a coloured shape, through the same PNG encoding as uploads). The websites and pitches are invented. Idempotent: a
/// company whose profile was already filled in, or that has a logo, keeps it.
/// </summary>
public sealed class DemoProfiles(TechnoparkDbContext db, TimeProvider clock) : IDemoSeeder
{
    public const string BabBahr = "Bab Bahr Robotics SARL";
    private const int PerSite = 5;
    private static readonly string[] Sites = ["tanger", "casablanca"];

    private static readonly Dictionary<string, string> Pitches = new()
    {
        [Sectors.Digital] = "Applications web et mobiles pour les PME marocaines",
        [Sectors.It] = "Infogérance et cybersécurité pour les entreprises de la région",
        [Sectors.GreenTech] = "Capteurs connectés pour réduire l'eau et l'énergie des usines",
        [Sectors.RenewableEnergy] = "Centrales solaires en toiture pour les zones industrielles",
        [Sectors.CreativeIndustries] = "Studio de jeux vidéo et d'animation en darija et en français",
        [Sectors.Tourism] = "Réservation d'expériences locales auprès des artisans",
        [Sectors.AgriTech] = "Irrigation pilotée par satellite pour les petites exploitations",
        [Sectors.FinTech] = "Paiement mobile et facturation pour les commerçants de proximité",
        [Sectors.Industry] = "Maintenance prédictive des lignes de production",
        [Sectors.Services] = "Conseil et formation aux outils numériques",
    };

    private static readonly Rgba32[] Palette =
    [
        new(0x0B, 0x5E, 0x8E), new(0xC2, 0x41, 0x0C), new(0x15, 0x80, 0x3D), new(0x6D, 0x28, 0xD9), new(0xB4, 0x53, 0x09), new(0x0F, 0x76, 0x6E),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var picks = await db.Companies.Where(c => c.LegalName == BabBahr).ToListAsync(cancellationToken);
        foreach (var slug in Sites)
        {
            var siteId = await db.Sites.Where(s => s.Slug == slug).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken);
            if (siteId is not { } site)
            {
                continue;
            }

            picks.AddRange(await db.Companies
                .Where(c => c.SiteId == site && c.ExitedOn == null && c.LegalName != BabBahr
                    && db.Assignments.HeldOn(today).Any(a => a.CompanyId == c.Id && a.SiteId == site))
                .OrderBy(c => c.Id).Take(PerSite).ToListAsync(cancellationToken));
        }

        var ids = picks.Select(c => c.Id).ToList();
        var withLogo = (await db.CompanyLogos.Where(l => ids.Contains(l.CompanyId)).Select(l => l.CompanyId).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var (company, index) in picks.Select((c, i) => (c, i)))
        {
            if (company.Website is null && company.Pitch is null)
            {
                var pitch = company.LegalName == BabBahr
                    ? "Des robots collaboratifs pour les usines de la zone franche de Tanger"
                    : Pitches.GetValueOrDefault(company.Sector, Pitches[Sectors.Services]);
                company.UpdateProfile($"https://www.{DomainName(company.LegalName)}.ma", pitch, company.Sector, listedInDirectory: true);
            }

            if (!withLogo.Contains(company.Id))
            {
                db.CompanyLogos.Add(CompanyLogo.Create(company.Id, DrawLogo(index), now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A logo: a coloured shape (disc, diamond or rounded square) on a light background, as the upload path encodes it.</summary>
    public static byte[] DrawLogo(int index)
    {
        var size = CompanyLogo.MaxPixels;
        var colour = Palette[index % Palette.Length];
        var shape = index / Palette.Length % 3;
        using var image = new Image<Rgba32>(size, size, new Rgba32(0xF8, 0xF9, 0xFA));
        var centre = size / 2.0;
        var radius = size * 0.38;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var (dx, dy) = (Math.Abs(x + 0.5 - centre), Math.Abs(y + 0.5 - centre));
                var inside = shape switch
                {
                    0 => (dx * dx) + (dy * dy) <= radius * radius,
                    1 => dx + dy <= radius * 1.3,
                    _ => dx <= radius && dy <= radius && (dx < radius * 0.7 || dy < radius * 0.7
                        || Math.Pow(dx - (radius * 0.7), 2) + Math.Pow(dy - (radius * 0.7), 2) <= Math.Pow(radius * 0.3, 2)),
                };
                if (inside)
                {
                    image[x, y] = colour;
                }
            }
        }

        return LogoImages.Encode(image);
    }

    /// <summary>"Atlas Digital (Tanger)" → "atlasdigital": the ASCII letters and digits of the name before any bracket.</summary>
    private static string DomainName(string legalName)
    {
        var name = legalName.Split('(')[0].Replace("SARL", string.Empty, StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder();
        foreach (var c in name.ToLower(CultureInfo.InvariantCulture))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
        }

        return builder.Length > 0 ? builder.ToString() : "technopark";
    }
}
