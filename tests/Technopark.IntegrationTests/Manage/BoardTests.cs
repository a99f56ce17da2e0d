using System.Net;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Manage;

public class BoardTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Board_OnAnyDay_ShowsWhoHoldsEachOffice_HalfOpen()
    {
        await ArrangeAsync();
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var during = WebUtility.HtmlDecode(await client.GetStringAsync("/manage/tanger/board?on=2027-08-31"));
        var onEndDay = WebUtility.HtmlDecode(await client.GetStringAsync("/manage/tanger/board?on=2027-09-01"));
        var before = WebUtility.HtmlDecode(await client.GetStringAsync("/manage/tanger/board?on=2027-02-28"));

        Assert.Contains("Menara Robotics", during, StringComparison.Ordinal);
        Assert.Contains("du 01/03/2027 au 31/08/2027", during, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Board.EndingSoon"), during, StringComparison.Ordinal);
        Assert.DoesNotContain("Menara Robotics", onEndDay, StringComparison.Ordinal);
        Assert.DoesNotContain("Menara Robotics", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_FreeFilter_ListsOnlyFreeSpaces()
    {
        await ArrangeAsync();
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var html = await client.GetStringAsync("/manage/tanger/board?on=2027-05-01&state=free");

        Assert.DoesNotContain("data-code=\"G-101\"", html, StringComparison.Ordinal);
        Assert.Contains("data-code=\"G-102\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_OtherSitesOffices_NeverAppear()
    {
        await ArrangeAsync();
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerOujda);

        var html = await client.GetStringAsync("/manage/oujda/board?on=2027-05-01");

        Assert.DoesNotContain("G-101", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Menara Robotics", html, StringComparison.Ordinal);
    }

    private async Task ArrangeAsync()
    {
        await using var db = app.Database.CreateContext();
        if (await db.Spaces.AnyAsync(s => s.Code == "G-101"))
        {
            return;
        }

        var site = await db.Sites.SingleAsync(s => s.Slug == "tanger");
        var busy = Space.Create(site.Id, "G-101", SpaceKind.Office, 1, 20m, 4, 2000m);
        var free = Space.Create(site.Id, "G-102", SpaceKind.Office, 1, 20m, 4, 2000m);
        var company = Company.Create(site.Id, "Menara Robotics", CompanyForm.Startup, Sectors.Digital);
        db.AddRange(busy, free, company);
        await db.SaveChangesAsync();
        db.Assignments.Add(Assignment.Create(busy, company, new DateRange(new DateOnly(2027, 3, 1), new DateOnly(2027, 9, 1))));
        await db.SaveChangesAsync();
    }
}
