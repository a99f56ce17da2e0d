using System.Net;
using Microsoft.EntityFrameworkCore;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Security;

/// <summary>Nobody reads or changes what is not theirs, whatever URL, query string or form field they send.</summary>
public class SiteScopeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/manage/oujda")]
    [InlineData("/manage/OUJDA")]
    [InlineData("/manage/oujda?slug=tanger")]
    public async Task TangerManager_OujdaUrls_Get403(string url)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Status.403.Title"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TangerManager_OwnDashboard_ShowsTangerOnly()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var html = await client.GetStringAsync("/manage/tanger");

        Assert.Contains(ResourceText.Of(app.Factory, "Manage.Title", Cultures.Default, "Technopark Tanger"), html, StringComparison.Ordinal);
        Assert.Contains("href=\"/manage/tanger\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/manage/oujda", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiteManager_GrantingThemselvesOujdaThroughTheHqForm_Gets403AndNothingChanges()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using var db = app.Database.CreateContext();
        var before = await db.SiteStaff.CountAsync();
        var oujda = await db.Sites.Where(s => s.Slug == "oujda").Select(s => s.Id).SingleAsync();

        // The manager has no HQ page to take a token from: use the one of a page they can open.
        using var response = await Personas.PostFormAsync(client, "/hq/staff?handler=Invite", new()
        {
            ["Invite.Email"] = Personas.Email(Persona.ManagerTanger),
            ["Invite.SiteId"] = oujda.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Invite.Role"] = "SiteManager",
        }, formPage: "/manage/tanger");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await db.SiteStaff.CountAsync());
    }

    [Fact]
    public async Task Applicant_RevokingStaffByIdThroughTheHqForm_Gets403AndTheRoleStays()
    {
        await Personas.EnsureAsync(app.Factory, Persona.ManagerOujda);
        using var client = await Personas.ClientAsync(app.Factory, Persona.Applicant);
        await using var db = app.Database.CreateContext();
        var id = await db.SiteStaff.Select(s => s.Id).FirstAsync();

        using var response = await Personas.PostFormAsync(client, $"/hq/staff?handler=Revoke&id={id}", [], formPage: "/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(await db.SiteStaff.AnyAsync(s => s.Id == id));
    }

    [Fact]
    public async Task NetworkAdmin_ReadsEverySite()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        foreach (var slug in new[] { "tanger", "oujda", "khemisset" })
        {
            using var response = await client.GetAsync($"/manage/{slug}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task UnknownSite_Is404ForStaff()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await client.GetAsync("/manage/atlantis");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NetworkAdmin_WithoutARoleOnTheSite_ReadsButCannotChange()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        await using var db = app.Database.CreateContext();
        var before = await db.Spaces.CountAsync();

        var board = await hq.GetStringAsync("/manage/tanger/board");
        using var post = await Personas.PostFormAsync(hq, "/manage/tanger/spaces/edit", new()
        {
            ["Input.Code"] = "HQ-1", ["Input.Kind"] = "Office", ["Input.Floor"] = "1", ["Input.Area"] = "20", ["Input.Seats"] = "2", ["Input.MonthlyRate"] = "100",
        });

        Assert.Contains("id=\"hq-read-only\"", board, StringComparison.Ordinal);
        Assert.DoesNotContain("/manage/tanger/assign?spaceId=", board, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, await db.Spaces.CountAsync());
    }

    [Fact]
    public async Task NetworkAdmin_GivenARoleOnTheSite_CanChangeIt()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        await using (var db = app.Database.CreateContext())
        {
            var userId = await db.Users.Where(u => u.Email == Personas.Email(Persona.NetworkAdmin)).Select(u => u.Id).SingleAsync();
            var oujda = await db.Sites.Where(s => s.Slug == "oujda").Select(s => s.Id).SingleAsync();
            db.SiteStaff.Add(Technopark.Domain.Staff.SiteStaff.Create(userId, oujda, Technopark.Domain.Staff.SiteRole.SiteManager));
            await db.SaveChangesAsync();
        }

        using var post = await Personas.PostFormAsync(hq, "/manage/oujda/spaces/edit", new()
        {
            ["Input.Code"] = "HQ-2", ["Input.Kind"] = "Office", ["Input.Floor"] = "1", ["Input.Area"] = "20", ["Input.Seats"] = "2", ["Input.MonthlyRate"] = "100",
        });

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.DoesNotContain("id=\"hq-read-only\"", await hq.GetStringAsync("/manage/oujda/board"), StringComparison.Ordinal);
    }
}
