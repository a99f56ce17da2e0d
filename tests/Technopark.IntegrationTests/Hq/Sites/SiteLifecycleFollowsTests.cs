using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Technopark.Domain.Sites;
using Technopark.Infrastructure;
using Technopark.IntegrationTests.Figures;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq.Sites;

/// <summary>The public pages, the API and HQ's figures follow a site's lifecycle as soon as HQ changes it.</summary>
public partial class SiteLifecycleFollowsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private DateOnly Today => app.Factory.Clock.Today();

    [Fact]
    public async Task OpenKhemissetToday_ApiHomeAndHqFiguresShowItOperationalAtOnce()
    {
        var khemisset = await SiteAdminData.SiteAsync(app, "khemisset");
        await SiteAdminData.AddOfficeAsync(app, khemisset.Id, "K-01");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        using var anonymous = app.Factory.CreateClient();
        var officesBefore = await NetworkOfficesAsync(hq, Today);

        using (var response = await SiteAdminData.PostAsync(hq, "khemisset", "Open", new() { ["OpenOn"] = SiteAdminData.Iso(Today), ["Confirm"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using (var sites = JsonDocument.Parse(await anonymous.GetStringAsync("/api/v1/sites")))
        {
            var site = sites.RootElement.EnumerateArray().Single(s => s.GetProperty("slug").GetString() == "khemisset");
            Assert.Equal("Operational", site.GetProperty("status").GetString());
            Assert.Equal(SiteAdminData.Iso(Today), site.GetProperty("openedOn").GetString());
        }

        var home = await anonymous.GetStringAsync("/");
        Assert.Equal(nameof(SiteStatus.Operational), StatusOnHome(home, "khemisset"));
        var dashboard = await hq.GetStringAsync("/hq");
        Assert.Contains("<tr data-slug=\"khemisset\" data-status=\"Operational\"", dashboard, StringComparison.Ordinal);
        Assert.Equal(officesBefore + 1, await NetworkOfficesAsync(hq, Today)); // its office counts in today's network figures
        Assert.Equal(1, await ApiOfficesAsync(hq, Today, "khemisset"));
    }

    [Fact]
    public async Task CloseASite_PastDaysStillCountItTodayDoesNot()
    {
        var opened = Today.AddYears(-3);
        var id = await SiteAdminData.AddSiteAsync(app, "ksar-el-kebir", opened);
        await SiteAdminData.AddOfficeAsync(app, id, "E-1");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var yesterday = Today.AddDays(-1);
        var todayBefore = await NetworkOfficesAsync(hq, Today);
        var yesterdayBefore = await NetworkOfficesAsync(hq, yesterday);

        using (var response = await SiteAdminData.PostAsync(hq, "ksar-el-kebir", "Close", new() { ["CloseOn"] = SiteAdminData.Iso(Today), ["Confirm"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal(todayBefore - 1, await NetworkOfficesAsync(hq, Today));
        Assert.Equal(yesterdayBefore, await NetworkOfficesAsync(hq, yesterday));
        using var anonymous = app.Factory.CreateClient();
        Assert.Equal(nameof(SiteStatus.Closed), StatusOnHome(await anonymous.GetStringAsync("/"), "ksar-el-kebir"));
        var page = await anonymous.GetStringAsync("/sites/ksar-el-kebir");
        Assert.Equal(ResourceText.Of(app.Factory, "SitesAdmin.PublicClosedOn", arguments: Today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)),
            ResourceText.Inner(page, "site-closed"));
        Assert.DoesNotContain("/apply?site=ksar-el-kebir", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SitePage_InArabic_ShowsTheArabicNameAndTheAddress()
    {
        await using (var db = app.Database.CreateContext())
        {
            var agadir = db.Sites.Single(s => s.Slug == "agadir");
            agadir.WithAddress("Cité de l'innovation, Agadir");
            await db.SaveChangesAsync();
        }

        using var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dar%7Cuic%3Dar");

        var html = await client.GetStringAsync("/sites/agadir");

        Assert.Contains("<h1>تكنوبارك أكادير</h1>", html, StringComparison.Ordinal);
        Assert.Equal("Cité de l'innovation, Agadir", ResourceText.Inner(html, "site-address"));
    }

    /// <summary>The network's total of offices on a day: the HQ dashboard's network line, which counts the sites that count that day.</summary>
    private static async Task<int> NetworkOfficesAsync(HttpClient hq, DateOnly day)
    {
        return HqPage.Network(await hq.GetStringAsync($"/hq?on={SiteAdminData.Iso(day)}")).OfficesTotal;
    }

    /// <summary>A site's offices in /api/v1/occupancy of a day (as HQ).</summary>
    private static async Task<int> ApiOfficesAsync(HttpClient hq, DateOnly day, string slug)
    {
        using var json = JsonDocument.Parse(await hq.GetStringAsync($"/api/v1/occupancy?on={SiteAdminData.Iso(day)}"));
        return json.RootElement.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("slug").GetString() == slug)
            .GetProperty("offices").GetProperty("total").GetInt32();
    }

    /// <summary>The status a site's card on the home page carries.</summary>
    private static string? StatusOnHome(string html, string slug) =>
        SiteCard().Matches(html).Select(m => m.Groups[1].Value == slug ? m.Groups[2].Value : null).SingleOrDefault(s => s is not null);

    [GeneratedRegex("<article class=\"card h-100 site-card\" data-slug=\"([^\"]+)\" data-status=\"([^\"]+)\">")]
    private static partial Regex SiteCard();
}
