using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Assignments;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.TestSupport;
using Technopark.Web.Seeding;

namespace Technopark.IntegrationTests.Companies;

/// <summary>The demo's resident and alumni companies, which every feature's demo builds on (DESIGN's demo contract).</summary>
public class DemoResidentsTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Seed_ResidentCompany_HasItsOwnerMemberOfficeCoworkingAndAPendingInvitation()
    {
        await using var db = app.Database.CreateContext();
        var company = await db.Companies.SingleAsync(c => c.LegalName == DemoResidents.ResidentCompany);
        var roles = await db.CompanyMembers.Where(m => m.CompanyId == company.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, m.Role }).ToDictionaryAsync(m => m.Email!, m => m.Role);
        var assignments = await db.Assignments.Where(a => a.CompanyId == company.Id)
            .Join(db.Spaces, a => a.SpaceId, s => s.Id, (a, s) => new { s.Kind, a.Period.End, a.MonthlyRent, s.MonthlyRate }).ToListAsync();

        Assert.Equal("tanger", await db.Sites.Where(s => s.Id == company.SiteId).Select(s => s.Slug).SingleAsync());
        Assert.Equal(CompanyRole.Owner, roles[DemoResidents.Owner]);
        Assert.Equal(CompanyRole.Member, roles[DemoResidents.Cofounder]);
        var office = Assert.Single(assignments, a => a.Kind == SpaceKind.Office);
        Assert.Null(office.End);
        Assert.Equal(office.MonthlyRate, office.MonthlyRent);
        Assert.Contains(assignments, a => a.Kind == SpaceKind.Coworking && a.End is not null);
        Assert.True(await db.CompanyInvitations.AnyAsync(i => i.CompanyId == company.Id && i.Email == DemoResidents.Invited && i.AcceptedAt == null && i.RevokedAt == null));
    }

    [Fact]
    public async Task Seed_AlumniCompany_GraduatedWithValidatedYearlyDeclarationsForFiveYearsAfterExit()
    {
        await using var db = app.Database.CreateContext();
        var company = await db.Companies.SingleAsync(c => c.LegalName == DemoResidents.AlumniCompany);
        var lastYear = app.Factory.Clock.GetUtcNow().Year - 1;

        Assert.Equal((ExitReason.Graduated, new DateOnly(2020, 7, 31)), (company.ExitReason, company.ExitedOn));
        var stay = await db.Assignments.SingleAsync(a => a.CompanyId == company.Id);
        Assert.Equal((new DateOnly(2016, 9, 1), new DateOnly(2020, 8, 1), AssignmentEnd.Graduated), (stay.Period.Start, stay.Period.End, stay.EndReason));
        var declarations = await db.Declarations.Where(d => d.CompanyId == company.Id).OrderBy(d => d.Year).ToListAsync();
        Assert.Equal(Enumerable.Range(2016, lastYear - 2016 + 1), declarations.Select(d => d.Year));
        Assert.All(declarations, d => Assert.Equal((DeclarationStatus.Validated, true), (d.Status, d.Figures.StillActive)));
        Assert.True(declarations[^1].Figures.Revenue > declarations[0].Figures.Revenue);
        Assert.Contains(DemoResidents.Alumnus, await db.CompanyMembers.Where(m => m.CompanyId == company.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).ToListAsync());
    }

    [Fact]
    public async Task Seed_Twice_AddsNothing()
    {
        var before = await CountsAsync();

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<DemoResidents>())
            {
                await seeder.SeedAsync(CancellationToken.None);
            }
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task SignIn_ResidentOwner_SeesTheCompanyAmongTheirs()
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var signIn = await Personas.PostFormAsync(client, "/Identity/Account/Login",
            new() { ["Input.Email"] = DemoResidents.Owner, ["Input.Password"] = DemoAccounts.DefaultPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/company"));

        Assert.Contains(DemoResidents.ResidentCompany, html, StringComparison.Ordinal);
    }

    private async Task<(int Companies, int Members, int Assignments, int Invitations, int Declarations)> CountsAsync()
    {
        await using var db = app.Database.CreateContext();
        return (await db.Companies.CountAsync(), await db.CompanyMembers.CountAsync(), await db.Assignments.CountAsync(),
            await db.CompanyInvitations.CountAsync(), await db.Declarations.CountAsync());
    }
}
