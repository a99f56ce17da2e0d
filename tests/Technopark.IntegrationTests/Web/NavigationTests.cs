using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Applications;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Web;

/// <summary>
/// The main menu offers "my applications" to people who apply, not to HQ and site staff who have none. Each instance keeps a
/// person's menu until a change, and a change made elsewhere (another instance, this test's own connection) shows within a second.
/// </summary>
public class NavigationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string MyApplications = "href=\"/applications\"";

    /// <summary>A page that reads nothing of its own: what it sends is the layout's.</summary>
    private const string Page = "/status/404";

    [Theory]
    [InlineData(Persona.NetworkAdmin)]
    [InlineData(Persona.ManagerOujda)]
    [InlineData(Persona.ReviewerTanger)]
    public async Task Menu_StaffOrHqWithoutApplications_HasNoMyApplicationsLink(Persona persona)
    {
        using var client = await Personas.ClientAsync(app.Factory, persona);

        var html = await client.GetStringAsync("/");

        Assert.DoesNotContain(MyApplications, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Menu_PlainApplicant_HasMyApplicationsLink()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.Applicant);

        var html = await client.GetStringAsync("/");

        Assert.Contains(MyApplications, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Menu_ManagerWhoApplied_HasMyApplicationsLink()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using (var db = app.Database.CreateContext())
        {
            var email = Personas.Email(Persona.ManagerTanger);
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var oujda = await db.Sites.Where(s => s.Slug == "oujda").Select(s => s.Id).SingleAsync();
            db.Applications.Add(Application.Start(userId, oujda, Programme.Incubation, app.Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        // Saved on a connection of the test's own, as another instance would: the app hears of it at the commit.
        var html = await Eventually.AnswerAsync(() => client.GetStringAsync("/"), h => h.Contains(MyApplications, StringComparison.Ordinal), TimeSpan.FromSeconds(1));

        Assert.Contains(MyApplications, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Menu_KeptUntilAChange_ThenASiteRoleGivenElsewhereShowsWithinASecond()
    {
        var counter = new SqlCommandCounter();
        using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(counter)));
        var version = factory.Services.GetRequiredService<DataVersion>();
        using var client = await Personas.ClientAsync(factory, Persona.ReviewerTanger);
        await Eventually.UntilAsync(() => version.Coherent, TimeSpan.FromSeconds(10));
        await PageAsync(client); // the session checked and kept
        counter.ResetAsAfterChange(factory.Services);
        await PageAsync(client);
        var read = counter.For(Page);
        counter.Reset();
        var kept = await PageAsync(client);

        Assert.Equal(1, read); // the menu's one statement, after a change
        Assert.Equal(0, counter.For(Page)); // then kept
        Assert.Contains("href=\"/manage/tanger\"", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/manage/oujda\"", kept, StringComparison.Ordinal);

        await using (var db = app.Database.CreateContext())
        {
            var email = Personas.Email(Persona.ReviewerTanger);
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var oujda = await db.Sites.Where(s => s.Slug == "oujda").Select(s => s.Id).SingleAsync();
            db.SiteStaff.Add(SiteStaff.Create(userId, oujda, SiteRole.Reviewer));
            await db.SaveChangesAsync();
        }

        var html = await Eventually.AnswerAsync(() => PageAsync(client), h => h.Contains("href=\"/manage/oujda\"", StringComparison.Ordinal), TimeSpan.FromSeconds(1));
        Assert.Contains("href=\"/manage/oujda\"", html, StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Page);
        return await response.Content.ReadAsStringAsync();
    }
}
