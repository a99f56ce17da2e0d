using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.IntegrationTests.Companies;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq.Sites;

public class SiteFactsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> Facts(string name, string area = "2 027,5") => new()
    {
        ["Facts.Name"] = name,
        ["Facts.NameEn"] = name + " (EN)",
        ["Facts.NameAr"] = "تكنوبارك",
        ["Facts.City"] = "Rabat",
        ["Facts.Region"] = "Rabat-Salé-Kénitra",
        ["Facts.Address"] = "Avenue Mohammed VI",
        ["Facts.FloorAreaSquareMeters"] = area,
        ["Facts.CompanyCapacity"] = "120",
        ["Facts.ServiceCodes"] = Services.Coworking,
        ["Facts.Partners"] = "AFEM\r\n\r\n  CJD  \n",
    };

    private static async Task<HttpResponseMessage> PostFactsAsync(HttpClient client, string slug, Dictionary<string, string> fields, params string[] sectors)
    {
        var token = Personas.Token(await client.GetStringAsync($"/hq/sites/{slug}"));
        var pairs = fields.Select(f => KeyValuePair.Create(f.Key, f.Value))
            .Concat(sectors.Select(s => KeyValuePair.Create("Facts.FocusSectors", s)))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token));
        return await client.PostAsync($"/hq/sites/{slug}?handler=Facts", new FormUrlEncodedContent(pairs));
    }

    [Fact]
    public async Task EditFacts_Valid_SavedAndAuditedBeforeAndAfter()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var rabat = await SiteAdminData.SiteAsync(app, "rabat");

        using var response = await PostFactsAsync(hq, "rabat", Facts("Technopark Rabat-Agdal"), Sectors.It, Sectors.FinTech);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var site = await SiteAdminData.SiteAsync(app, "rabat");
        Assert.Equal(("Technopark Rabat-Agdal", "Technopark Rabat-Agdal (EN)", "Avenue Mohammed VI", 2027.5m, 120),
            (site.Name, site.NameEn, site.Address, site.FloorAreaSquareMeters, site.CompanyCapacity));
        Assert.Equal([Sectors.It, Sectors.FinTech], site.FocusSectors);
        Assert.Equal([Services.Coworking], site.ServiceCodes);
        Assert.Equal(["AFEM", "CJD"], site.Partners);
        Assert.Equal((rabat.Slug, rabat.Status, rabat.BillingCode), (site.Slug, site.Status, site.BillingCode));
        var entry = Assert.Single(await SiteAdminData.AuditAsync(app, site.Id, "site.update"));
        Assert.Contains("Technopark Rabat\"", entry.Before!, StringComparison.Ordinal);
        Assert.Contains("Technopark Rabat-Agdal", entry.After!, StringComparison.Ordinal);
        Assert.Equal(site.Id, entry.SiteId);
    }

    [Fact]
    public async Task EditFacts_UnknownSector_MessageNextToTheSectorsAndNothingSaved()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var before = await SiteAdminData.SiteAsync(app, "agadir");

        using var response = await PostFactsAsync(hq, "agadir", Facts("Technopark Agadir bis"), Sectors.It, "space-mining");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Site.UnknownSector", arguments: "space-mining"),
            ResourceText.Inner(await response.Content.ReadAsStringAsync(), "Facts_FocusSectors-error"));
        var after = await SiteAdminData.SiteAsync(app, "agadir");
        Assert.Equal((before.Name, before.Address, before.FloorAreaSquareMeters), (after.Name, after.Address, after.FloorAreaSquareMeters));
        Assert.Empty(await SiteAdminData.AuditAsync(app, before.Id, "site.update"));
    }

    [Fact]
    public async Task EditFacts_UnreadableArea_MessageNextToTheAreaAndNothingSaved()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var before = await SiteAdminData.SiteAsync(app, "essaouira");

        using var response = await PostFactsAsync(hq, "essaouira", Facts("Technopark Essaouira bis", area: "12,3,4"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(ResourceText.Inner(await response.Content.ReadAsStringAsync(), "Facts_FloorAreaSquareMeters-error")!);
        Assert.Equal(before.Name, (await SiteAdminData.SiteAsync(app, "essaouira")).Name);
    }

    [Fact]
    public async Task Seed_AfterHqEditedTanger_KeepsTheEditAndReinsertsOnlyMissingSites()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        using (var response = await PostFactsAsync(hq, "tanger", Facts("Technopark Tanger Med"), Sectors.Tourism))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using (var db = app.Database.CreateContext())
        {
            await ReferenceData.ApplyAsync(db, CancellationToken.None);
        }

        // A second app started on the same database applies the reference data on its start.
        await using (var restarted = new TechnoparkFactory(app.Database.AppConnectionString))
        {
            using var client = restarted.CreateClient();
            using var home = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        var tanger = await SiteAdminData.SiteAsync(app, "tanger");
        Assert.Equal(("Technopark Tanger Med", "Avenue Mohammed VI", 2027.5m), (tanger.Name, tanger.Address, tanger.FloorAreaSquareMeters));
        Assert.Equal([Sectors.Tourism], tanger.FocusSectors);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(1, await db.Sites.CountAsync(s => s.Slug == "tanger"));
        }
    }

    [Fact]
    public async Task Seed_MissingReferenceSite_IsInsertedAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            // Sites are never deleted (trigger, no grant): only the superuser, with triggers off, can make one missing.
            await db.Database.ExecuteSqlRawAsync("SET session_replication_role = replica; DELETE FROM sites WHERE slug = 'tiznit'; SET session_replication_role = origin;");
            Assert.False(await db.Sites.AnyAsync(s => s.Slug == "tiznit"));
            await ReferenceData.ApplyAsync(db, CancellationToken.None);
        }

        await using (var db = database.CreateContext())
        {
            var tiznit = await db.Sites.AsNoTracking().SingleAsync(s => s.Slug == "tiznit");
            Assert.Equal((SiteStatus.Planned, "TIZ"), (tiznit.Status, tiznit.BillingCode));
            Assert.Equal(9, await db.Sites.CountAsync());
        }
    }

    [Fact]
    public async Task Photo_Png_StoredAsJpegServedToAnyoneWithCacheHeadersAndAudited()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var oujda = await SiteAdminData.SiteAsync(app, "oujda");

        using var response = await SiteAdminData.UploadPhotoAsync(hq, "oujda", "batiment.png", "image/png", TestImages.Make(2400, 1200, jpeg: false));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var anonymous = app.Factory.CreateClient();
        using var photo = await anonymous.GetAsync("/sites/oujda/photo");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(photo.Headers.ETag);
        Assert.True(photo.Headers.CacheControl?.Public);
        var bytes = await photo.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        using (var image = SixLabors.ImageSharp.Image.Load(bytes))
        {
            Assert.Equal((SitePhoto.MaxSidePixels, SitePhoto.MaxSidePixels / 2), (image.Width, image.Height));
            Assert.Null(image.Metadata.ExifProfile);
        }

        var entry = Assert.Single(await SiteAdminData.AuditAsync(app, oujda.Id, "site.photo"));
        Assert.Contains("image/jpeg", entry.After!, StringComparison.Ordinal);
        Assert.True(entry.After!.Length < 300, "no bytes in the audit");
        var publicPage = await anonymous.GetStringAsync("/sites/oujda");
        Assert.Contains(ResourceText.Of(app.Factory, "SitesAdmin.PhotoAlt", arguments: "Technopark Oujda"), ResourceText.Tag(publicPage, "site-photo")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photo_PdfRenamedPng_RefusedNextToTheFieldAndNothingSaved()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"u8.ToArray();

        using var response = await SiteAdminData.UploadPhotoAsync(hq, "casablanca", "photo.png", "image/png", pdf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Site.PhotoInvalid"), ResourceText.Inner(await response.Content.ReadAsStringAsync(), "Photo-error"));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.SitePhotos.AnyAsync(p => db.Sites.Any(s => s.Id == p.SiteId && s.Slug == "casablanca")));
    }

    [Fact]
    public async Task Photo_SiteWithoutOne_AnonymousGets404()
    {
        using var anonymous = app.Factory.CreateClient();

        using var response = await anonymous.GetAsync("/sites/fes/photo");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
