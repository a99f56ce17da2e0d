using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Manage;

public class SpaceInventoryTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string EditUrl = "/manage/tanger/spaces/edit";

    [Fact]
    public async Task Create_WithFrenchDecimalComma_SavesTheSpaceAndAnAuditEntry()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await Personas.PostFormAsync(client, EditUrl, Form("b-301", "24,5", "2 450,50"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var space = await db.Spaces.SingleAsync(s => s.Code == "B-301");
        Assert.Equal((24.5m, 2450.50m, SpaceKind.Office), (space.AreaSquareMeters, space.MonthlyRate, space.Kind));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "space.create" && a.EntityId == space.Id.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Create_CodeAlreadyUsed_ShowsTheMessageNextToTheCode()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using (await Personas.PostFormAsync(client, EditUrl, Form("C-101", "20", "2000")))
        {
        }

        using var response = await Personas.PostFormAsync(client, EditUrl, Form("c-101", "30", "3000"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Spaces.CodeTaken", Cultures.Default, "C-101"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BadValues_ShowsEachMessageAndSavesNothing()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using var db = app.Database.CreateContext();
        var before = await db.Spaces.CountAsync();

        using var response = await Personas.PostFormAsync(client, EditUrl, Form("B 204!", "-3", "-1", seats: "0"));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(ResourceText.Of(app.Factory, "Space.CodeInvalid", Cultures.Default, Space.CodeMaxLength), html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Space.AreaInvalid"), html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Space.RateInvalid"), html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Space.SeatsInvalid", Cultures.Default, Space.MaxSeats), html, StringComparison.Ordinal);
        Assert.Equal(before, await db.Spaces.CountAsync());
    }

    [Theory]
    [InlineData(null, "« 3e étage » n'est pas une valeur valide ici.")]
    [InlineData("en", "\"3e étage\" is not a valid value here.")]
    public async Task Create_LettersInANumberField_GetTheMessageInTheUsersLanguage(string? culture, string expected)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        if (culture is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        }

        var form = Form("K-101", "20", "1000");
        form["Input.Floor"] = "3e étage";
        using var response = await Personas.PostFormAsync(client, EditUrl, form);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches("id=\"Input_Floor-error\"[^>]*>" + System.Text.RegularExpressions.Regex.Escape(expected), html);
    }

    [Fact]
    public async Task Edit_BasedOnStaleData_IsRefusedAndShowsTheCurrentValues()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var id = await CreateAsync("tanger", "D-101", SpaceKind.Office);
        var url = $"{EditUrl}/{id}";
        var form = await client.GetStringAsync(url);
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        await using (var db = app.Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE spaces SET monthly_rate = 9999 WHERE id = {id}");
        }

        var fields = Form("D-101", "20", "1000");
        fields["Input.Version"] = version;
        using var response = await Personas.PostFormAsync(client, url, fields);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(ResourceText.Of(app.Factory, "Common.Stale"), html, StringComparison.Ordinal);
        Assert.Contains("value=\"9999", html, StringComparison.Ordinal);
        await using var check = app.Database.CreateContext();
        Assert.Equal(9999m, (await check.Spaces.SingleAsync(s => s.Id == id)).MonthlyRate);
    }

    [Fact]
    public async Task Deactivate_SpaceWithACurrentAssignment_IsRefusedNamingTheCompany()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var id = await CreateAsync("tanger", "E-101", SpaceKind.Office, occupant: "Kasbah Games");

        using var response = await Personas.PostFormAsync(client, $"{EditUrl}/{id}?handler=Active", new() { ["active"] = "false" }, formPage: $"{EditUrl}/{id}");

        Assert.Contains("il est attribué à Kasbah Games", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.True((await db.Spaces.SingleAsync(s => s.Id == id)).IsActive);
    }

    [Fact]
    public async Task Deactivate_FreeSpace_MakesItInactive()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var id = await CreateAsync("tanger", "E-102", SpaceKind.Office);

        using var response = await Personas.PostFormAsync(client, $"{EditUrl}/{id}?handler=Active", new() { ["active"] = "false" }, formPage: $"{EditUrl}/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False((await db.Spaces.SingleAsync(s => s.Id == id)).IsActive);
    }

    [Fact]
    public async Task Deactivate_ThenBackInServiceLater_PastDaysStillCountTheSpace_TheDaysOutOfServiceDoNot()
    {
        var clock = app.Factory.Clock;
        var was = clock.GetUtcNow();
        var today = clock.Today();
        var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var id = await CreateAsync("tanger", "E-103", SpaceKind.Office);
        async Task<int> OfficesOn(DateOnly day) => Figures.Pages.Whole(Figures.Pages.Data(
            await client.GetStringAsync($"/manage/tanger/board?on={day:yyyy-MM-dd}"), "<p id=\"board-summary\"")!, "offices-total");
        var (lastMonth, yesterday, now) = (await OfficesOn(today.AddDays(-30)), await OfficesOn(today.AddDays(-1)), await OfficesOn(today));

        using (var off = await Personas.PostFormAsync(client, $"{EditUrl}/{id}?handler=Active", new() { ["active"] = "false" }, formPage: $"{EditUrl}/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        Assert.Equal(lastMonth, await OfficesOn(today.AddDays(-30)));
        Assert.Equal(yesterday, await OfficesOn(today.AddDays(-1)));
        Assert.Equal(now - 1, await OfficesOn(today));

        clock.SetToday(today.AddDays(3));
        try
        {
            client.Dispose();
            client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger); // a new sign-in: the session of three days ago has lapsed
            using (var on = await Personas.PostFormAsync(client, $"{EditUrl}/{id}?handler=Active", new() { ["active"] = "true" }, formPage: $"{EditUrl}/{id}"))
            {
                Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
            }

            Assert.Equal([yesterday, now - 1, now - 1, now], [await OfficesOn(today.AddDays(-1)), await OfficesOn(today), await OfficesOn(today.AddDays(2)), await OfficesOn(today.AddDays(3))]);
            await using var db = app.Database.CreateContext();
            var outage = Assert.Single((await db.Spaces.SingleAsync(s => s.Id == id)).Outages);
            Assert.Equal(new DateRange(today, today.AddDays(3)), outage.Period);
            var edit = await client.GetStringAsync($"{EditUrl}/{id}");
            Assert.Contains($"data-start=\"{today:yyyy-MM-dd}\"", edit, StringComparison.Ordinal); // the manager sees the days it was out of service
        }
        finally
        {
            clock.Set(was);
            client.Dispose();
        }
    }

    [Fact]
    public async Task TangerManager_OujdaSpaceIdInTheUrlOrForm_IsNotFoundAndUnchanged()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var oujdaSpace = await CreateAsync("oujda", "O-101", SpaceKind.Office);

        using var read = await client.GetAsync($"{EditUrl}/{oujdaSpace}");
        using var write = await Personas.PostFormAsync(client, $"{EditUrl}/{oujdaSpace}", Form("O-101", "99", "1"), formPage: EditUrl);
        using var deactivate = await Personas.PostFormAsync(client, $"{EditUrl}/{oujdaSpace}?handler=Active", new() { ["active"] = "false" }, formPage: EditUrl);
        using var viaOujda = await client.GetAsync($"/manage/oujda/spaces/edit/{oujdaSpace}");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viaOujda.StatusCode);
        await using var db = app.Database.CreateContext();
        var space = await db.Spaces.SingleAsync(s => s.Id == oujdaSpace);
        Assert.Equal((20m, true), (space.AreaSquareMeters, space.IsActive));
    }

    [Fact]
    public async Task Inventory_ListsTheSiteSpacesWithTodaysOccupant()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await CreateAsync("tanger", "F-101", SpaceKind.Office, occupant: "Zellige Design");
        await CreateAsync("oujda", "F-901", SpaceKind.Office);

        var html = await client.GetStringAsync("/manage/tanger/spaces");

        Assert.Contains("F-101", html, StringComparison.Ordinal);
        Assert.Contains("Zellige Design", html, StringComparison.Ordinal);
        Assert.DoesNotContain("F-901", html, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Form(string code, string area, string rate, string seats = "4") => new()
    {
        ["Input.Code"] = code,
        ["Input.Kind"] = "Office",
        ["Input.Floor"] = "3",
        ["Input.Area"] = area,
        ["Input.Seats"] = seats,
        ["Input.MonthlyRate"] = rate,
    };

    private async Task<int> CreateAsync(string slug, string code, SpaceKind kind, string? occupant = null)
    {
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == slug);
        var space = Space.Create(site.Id, code, kind, 1, 20m, 4, 2000m);
        db.Spaces.Add(space);
        await db.SaveChangesAsync();
        if (occupant is not null)
        {
            var company = Company.Create(site.Id, occupant, CompanyForm.Startup, Sectors.Digital);
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            var today = app.Factory.Clock.Today(); // the app's day in Morocco, not the UTC date
            db.Assignments.Add(Assignment.Create(space, company, new DateRange(today.AddDays(-30), null)));
            await db.SaveChangesAsync();
        }

        return space.Id;
    }
}
