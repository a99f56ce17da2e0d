using System.Net;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Sites;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq.Sites;

public class SiteCreationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> NewSite(string slug, string name = "Technopark Béni Mellal", string status = "Planned") => new()
    {
        ["Input.Slug"] = slug,
        ["Input.Name"] = name,
        ["Input.NameEn"] = "Technopark Beni Mellal",
        ["Input.NameAr"] = "تكنوبارك بني ملال",
        ["Input.City"] = "Béni Mellal",
        ["Input.Region"] = "Béni Mellal-Khénifra",
        ["Input.Status"] = status,
    };

    [Fact]
    public async Task Create_ValidSite_SavesItWithItsBillingCodeAuditsAndShowsItsPage()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await Personas.PostFormAsync(hq, "/hq/sites/new", NewSite("beni-mellal", status: "UnderConstruction"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/hq/sites/beni-mellal", response.Headers.Location?.OriginalString);
        var site = await SiteAdminData.SiteAsync(app, "beni-mellal");
        Assert.Equal((SiteStatus.UnderConstruction, "BEN", "Technopark Beni Mellal", "تكنوبارك بني ملال"), (site.Status, site.BillingCode, site.NameEn, site.NameAr));
        var entry = Assert.Single(await SiteAdminData.AuditAsync(app, site.Id, "site.create"));
        Assert.Null(entry.Before);
        Assert.Contains("\"slug\":\"beni-mellal\"", entry.After!.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotNull(entry.UserId);

        var page = await hq.GetStringAsync("/hq/sites/beni-mellal");
        Assert.Contains(ResourceText.Of(app.Factory, "SitesAdmin.Created", arguments: "Technopark Béni Mellal"), ResourceText.Inner(page, "site-message"), StringComparison.Ordinal);
        Assert.Equal("BEN", ResourceText.Inner(page, "site-billing-code"));
        var list = await hq.GetStringAsync("/hq/sites");
        Assert.Contains("href=\"/hq/sites/beni-mellal\"", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fes-2")]
    [InlineData("2fes")]
    [InlineData("fès")]
    [InlineData("fes 2")]
    [InlineData("fes_2")]
    [InlineData("-fes")]
    [InlineData("")]
    [InlineData("a-slug-that-is-much-longer-than-forty-chars")]
    public async Task Create_SlugOfTheWrongShape_MessageNextToTheSlugAndNothingSaved(string slug)
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var before = await CountsAsync();

        using var response = await Personas.PostFormAsync(hq, "/hq/sites/new", NewSite(slug));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(ResourceText.Of(app.Factory, "Site.SlugInvalid"), ResourceText.Inner(html, "Input_Slug-error"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Create_SlugOfAnExistingSite_SlugTakenAndNothingSaved()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var before = await CountsAsync();

        using var response = await Personas.PostFormAsync(hq, "/hq/sites/new", NewSite("tanger", name: "Un autre Tanger"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Site.SlugTaken"), ResourceText.Inner(await response.Content.ReadAsStringAsync(), "Input_Slug-error"));
        Assert.Equal(before, await CountsAsync());
        Assert.Equal("Technopark Tanger", (await SiteAdminData.SiteAsync(app, "tanger")).Name);
    }

    [Fact]
    public async Task Create_ReservedSlug_MessageNextToTheSlug()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await Personas.PostFormAsync(hq, "/hq/sites/new", NewSite("new"));

        Assert.Equal(ResourceText.Of(app.Factory, "SitesAdmin.SlugReserved"), ResourceText.Inner(await response.Content.ReadAsStringAsync(), "Input_Slug-error"));
    }

    [Fact]
    public async Task Create_OperationalPostedByHand_RefusedNextToTheStatus()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var before = await CountsAsync();

        using var response = await Personas.PostFormAsync(hq, "/hq/sites/new", NewSite("nador", status: "Operational"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "SitesAdmin.StartStatus"), ResourceText.Inner(await response.Content.ReadAsStringAsync(), "Input_Status-error"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Create_WithoutName_MessageNextToTheNameAndNothingSaved()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var before = await CountsAsync();

        using var response = await Personas.PostFormAsync(hq, "/hq/sites/new", NewSite("safi", name: "  "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Site.NameRequired", arguments: Site.NameMaxLength),
            ResourceText.Inner(await response.Content.ReadAsStringAsync(), "Input_Name-error"));
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(int Sites, int Audit)> CountsAsync()
    {
        await using var db = app.Database.CreateContext();
        return (await db.Sites.CountAsync(), await db.AuditLog.CountAsync(a => a.EntityType == nameof(Site)));
    }
}
