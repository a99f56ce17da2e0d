using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Companies;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Identity;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using static Technopark.IntegrationTests.Hq.People.PeopleTestAccounts;

namespace Technopark.IntegrationTests.Hq.People;

/// <summary>/hq/people: finding accounts by part of a name or an email, 50 a page, each with its roles; one person's page.</summary>
public sealed class PeopleSearchTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>, IDisposable
{
    private readonly SqlCommandCounter _counter = new();
    private WebApplicationFactory<Program>? _factory;

    private WebApplicationFactory<Program> Factory => _factory ??=
        app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_counter)));

    public void Dispose() => _factory?.Dispose();

    [Fact]
    public async Task Search_PartOfANameOrOfAnEmail_FindsThePersonWithTheirRoles()
    {
        var id = await CreateAsync(app.Factory, "nadia.benali@search.test", "Nadia Benali", ("tanger", SiteRole.SiteManager));
        await CreateAsync(app.Factory, "someone.else@search.test", "Karim Idrissi");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var byName = await hq.GetStringAsync("/hq/people?q=BENAL");
        var byEmail = await hq.GetStringAsync("/hq/people?q=" + Uri.EscapeDataString("Nadia.Ben"));

        Assert.Equal([id], Listed(byName));
        Assert.Equal([id], Listed(byEmail));
        var role = ResourceText.Of(app.Factory, "People.RoleAt", "fr", ResourceText.Of(app.Factory, "SiteRole.SiteManager"), "Technopark Tanger");
        Assert.Contains(role, Forms.Decoded(byName), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_LikeWildcards_AreMatchedAsThemselves()
    {
        var id = await CreateAsync(app.Factory, "wildxcard@wild.test", "Wild Card");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var percent = await hq.GetStringAsync("/hq/people?q=%25");
        var underscore = await hq.GetStringAsync("/hq/people?q=d_c");

        Assert.Empty(Listed(percent)); // as a wildcard, "%" would list everyone
        Assert.Empty(Listed(underscore)); // as a wildcard, "_" would match the x of "wildxcard"
        Assert.Equal([id], Listed(await hq.GetStringAsync("/hq/people?q=dxc")));
    }

    [Fact]
    public async Task List_SixtyAccounts_FiftyAPageInEmailOrderWithPreviousAndNext()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            for (var i = 59; i >= 0; i--)
            {
                var email = $"member{i:D2}@paging.test";
                Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email })).Succeeded);
            }
        }

        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var first = await hq.GetStringAsync("/hq/people?q=paging.test");
        var second = await hq.GetStringAsync("/hq/people?q=paging.test&p=2");

        Assert.Equal(IndexPageSize, Listed(first).Count);
        Assert.Equal(10, Listed(second).Count);
        Assert.Equal(await IdOfAsync(app.Database, "member00@paging.test"), Listed(first)[0]);
        Assert.Equal(await IdOfAsync(app.Database, "member50@paging.test"), Listed(second)[0]);
        Assert.NotNull(ResourceText.Tag(first, "people-next"));
        Assert.Null(ResourceText.Tag(first, "people-previous"));
        Assert.NotNull(ResourceText.Tag(second, "people-previous"));
        Assert.Null(ResourceText.Tag(second, "people-next"));
        Assert.Empty(Listed(await hq.GetStringAsync("/hq/people?q=paging.test&p=3")));
        Assert.Equal(Listed(first), Listed(await hq.GetStringAsync("/hq/people?q=paging.test&p=abc"))); // not a page: the first
    }

    [Fact]
    public async Task List_FiftyPeopleWithRoles_TakesAsManyStatementsAsTwo()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(app.Factory, $"few{i}@count.test", siteRole: ("oujda", SiteRole.Reviewer));
        }

        using var hq = await Personas.ClientAsync(Factory, Persona.NetworkAdmin);
        await hq.GetStringAsync("/hq/people?q=count.test");
        _counter.ResetAsAfterChange(Factory.Services);
        await hq.GetStringAsync("/hq/people?q=count.test");
        var few = _counter.For("/hq/people");
        for (var i = 3; i < 50; i++)
        {
            await CreateAsync(app.Factory, $"many{i}@count.test", siteRole: ("tanger", SiteRole.Reviewer));
        }

        _counter.ResetAsAfterChange(Factory.Services);
        var html = await hq.GetStringAsync("/hq/people?q=count.test");

        Assert.Equal(50, Listed(html).Count);
        Assert.Equal(few, _counter.For("/hq/people"));
    }

    [Fact]
    public async Task Search_TooLong_MessageBesideTheBox()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await hq.GetAsync("/hq/people?q=" + new string('a', 300));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "People.QueryTooLong", "fr", "256"),
            Forms.FieldError(await response.Content.ReadAsStringAsync(), "people-q"));
    }

    [Fact]
    public async Task Person_ShowsRolesPerSiteAndCompanies()
    {
        var id = await CreateAsync(app.Factory, "two.roles@person.test", "Deux Rôles", ("oujda", SiteRole.Reviewer));
        var companies = await Personas.CompaniesAsync(app.Factory);
        await using (var db = app.Database.CreateContext())
        {
            var tanger = db.Sites.Single(s => s.Slug == "tanger").Id;
            db.SiteStaff.Add(SiteStaff.Create(id, tanger, SiteRole.Coach));
            db.CompanyMembers.Add(CompanyMember.Create(companies.Resident, id, CompanyRole.Owner, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = Forms.Decoded(await hq.GetStringAsync($"/hq/people/{id}"));

        var roles = ResourceText.Inner(html, "person-roles")!;
        Assert.Contains("Oujda", roles, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "SiteRole.Reviewer"), roles, StringComparison.Ordinal);
        Assert.Contains("Tanger", roles, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "SiteRole.Coach"), roles, StringComparison.Ordinal);
        var company = ResourceText.Inner(html, "person-companies")!;
        Assert.Contains(Personas.ResidentCompany, company, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Members.Role.Owner"), company, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "People.IsNotHq"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Person_UnknownId_Is404()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await hq.GetAsync("/hq/people/no-such-person");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private const int IndexPageSize = Technopark.Web.Pages.Hq.People.IndexModel.PageSize;
}
