using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq;

/// <summary>HQ's figures are cached per day, but a change saved in the app shows at once.</summary>
public partial class HqFreshnessTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Dashboard_AfterAnAssignment_ShowsItDespiteTheCache()
    {
        int office, company;
        await using (var db = app.Database.CreateContext())
        {
            var site = await db.Sites.SingleAsync(s => s.Slug == "agadir");
            var space = Space.Create(site.Id, "F-1", SpaceKind.Office, 1, 20m, 2, 1000m);
            var resident = Company.Create(site.Id, "Fraîcheur SARL", CompanyForm.Startup, Sectors.Digital);
            db.AddRange(space, resident);
            await db.SaveChangesAsync();
            (office, company) = (space.Id, resident.Id);
        }

        var today = new DateOnly(2026, 11, 26);
        app.Factory.Clock.SetToday(today);
        var day = today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        Assert.Equal("0 sur 1", AgadirOffices(await hq.GetStringAsync($"/hq?on={day}")));

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await GiveAgadirAsync(Persona.ManagerTanger);
        using var assign = await Personas.PostFormAsync(manager, "/manage/agadir/assign", new()
        {
            ["Input.SpaceId"] = office.ToString(CultureInfo.InvariantCulture),
            ["Input.CompanyId"] = company.ToString(CultureInfo.InvariantCulture),
            ["Input.Start"] = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);

        Assert.Equal("1 sur 1", AgadirOffices(await hq.GetStringAsync($"/hq?on={day}")));
    }

    private async Task GiveAgadirAsync(Persona persona)
    {
        await using var db = app.Database.CreateContext();
        var userId = await db.Users.Where(u => u.Email == Personas.Email(persona)).Select(u => u.Id).SingleAsync();
        var agadir = await db.Sites.Where(s => s.Slug == "agadir").Select(s => s.Id).SingleAsync();
        db.SiteStaff.Add(Technopark.Domain.Staff.SiteStaff.Create(userId, agadir, Technopark.Domain.Staff.SiteRole.SiteManager));
        await db.SaveChangesAsync();
    }

    /// <summary>The "offices occupied / total" cell of Agadir's row.</summary>
    private static string AgadirOffices(string html)
    {
        var row = AgadirRow().Match(html);
        Assert.True(row.Success, "No Agadir row on /hq");
        return WebUtility.HtmlDecode(OfficesCell().Match(row.Value).Groups[1].Value).Trim();
    }

    [GeneratedRegex("<tr[^>]*>\\s*<t[hd][^>]*>\\s*<a[^>]*>Technopark Agadir</a>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex AgadirRow();

    [GeneratedRegex("<td[^>]*>\\s*([0-9\u202f]+ sur [0-9\u202f]+)\\s*</td>")]
    private static partial Regex OfficesCell();
}
