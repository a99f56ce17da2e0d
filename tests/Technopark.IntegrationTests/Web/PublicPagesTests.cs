using System.Net;
using System.Text.Json;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Web;

public class PublicPagesTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task SitesApi_ListsEverySiteWithTheContractFields()
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/sites");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var sites = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(9, sites.Count);
        foreach (var site in sites)
        {
            Assert.Equal(["city", "name", "openedOn", "region", "slug", "status"], site.EnumerateObject().Select(p => p.Name).Order());
        }

        var essaouira = sites.Single(s => s.GetProperty("slug").GetString() == "essaouira");
        Assert.Equal("Technopark Essaouira", essaouira.GetProperty("name").GetString());
        Assert.Equal("Marrakech-Safi", essaouira.GetProperty("region").GetString());
        Assert.Equal("Operational", essaouira.GetProperty("status").GetString());
        Assert.Equal("2023-11-24", essaouira.GetProperty("openedOn").GetString());
        var khemisset = sites.Single(s => s.GetProperty("slug").GetString() == "khemisset");
        Assert.Equal("UnderConstruction", khemisset.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, khemisset.GetProperty("openedOn").ValueKind);
    }

    [Fact]
    public async Task Home_ShowsEverySiteWithItsStatus_InFrenchByDefault()
    {
        using var client = app.Factory.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"fr\" dir=\"ltr\">", html, StringComparison.Ordinal);
        foreach (var city in new[] { "Casablanca", "Rabat", "Tanger", "Agadir", "Essaouira", "Oujda", "Khémisset", "Fès", "Tiznit" })
        {
            Assert.Contains($"Technopark {city}", html, StringComparison.Ordinal);
        }

        Assert.Contains(ResourceText.Of(app.Factory, "SiteStatus.UnderConstruction"), html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Home.FreeOffices"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SitePage_Tanger_ShowsItsFactsAndFreeCapacity()
    {
        using var client = app.Factory.CreateClient();

        var html = await client.GetStringAsync("/sites/tanger");

        Assert.Contains("Technopark Tanger", html, StringComparison.Ordinal);
        Assert.Contains("Réseau Entreprendre Maroc", html, StringComparison.Ordinal);
        Assert.Contains("Salle de conférence de 200 places", html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Site.OpenedIn", Cultures.Default, 2015), html, StringComparison.Ordinal);
        Assert.Contains("/apply?site=tanger", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SitePage_InEnglish_WhenTheCultureCookieSaysSo()
    {
        using var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var html = await client.GetStringAsync("/sites/essaouira");

        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Site.OpenedOn", "en", "24/11/2023"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SitePage_InArabic_IsRightToLeft()
    {
        using var client = app.Factory.CreateClient();

        var html = await client.GetStringAsync("/sites/oujda?culture=ar");

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("bootstrap.rtl.min.css", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SitePage_UnknownSlug_IsAFriendly404()
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync("/sites/marrakech");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Status.404.Title"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SitePage_PlannedSite_OffersNoApplyLink()
    {
        using var client = app.Factory.CreateClient();

        var html = await client.GetStringAsync("/sites/fes");

        Assert.DoesNotContain("/apply", html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Site.ApplyClosed"), WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }
}
