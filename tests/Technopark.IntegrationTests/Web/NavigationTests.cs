using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Applications;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Web;

/// <summary>The main menu offers "my applications" to people who apply, not to HQ and site staff who have none.</summary>
public class NavigationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string MyApplications = "href=\"/applications\"";

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

        var html = await client.GetStringAsync("/");

        Assert.Contains(MyApplications, html, StringComparison.Ordinal);
    }
}
