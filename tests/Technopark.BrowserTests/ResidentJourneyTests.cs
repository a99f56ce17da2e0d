using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Technopark.Domain.Applications;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Reporting;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;
using Technopark.Web.Pages.Apply;

namespace Technopark.BrowserTests;

/// <summary>
/// The resident's side end to end: an applicant accepted at Tanger (and hosted there since last year) invites a
/// co-founder, both see the company's page, the co-founder declares last year's figures in Arabic, the Tanger manager
/// validates them, and HQ's KPI page counts them: one company more in the coverage of jobs, and its headcount in the total.
/// </summary>
public partial class ResidentJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Manager = "manager.tanger@technopark.ma";

    [Fact]
    public async Task AcceptedApplicant_InvitesCofounder_DeclaresAndIsValidated_HqCountsIt()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var founder = $"fondatrice-{suffix}@test.technopark.ma";
        var cofounder = $"cofondateur-{suffix}@test.technopark.ma";
        var companyName = $"Souk Data {suffix}";
        var companyId = await AcceptedAndHostedAsync(founder, cofounder, companyName);
        var today = browser.App.Factory.Clock.Today();
        var year = ReportingPeriod.YearDueOn(today).Year;

        // The founder finds the company among hers, opens its page and invites the co-founder.
        var owner = await browser.NewPageAsync();
        await SignIn.AsAsync(owner, founder, "/company");
        await owner.Locator("#my-companies").GetByRole(AriaRole.Link, new() { Name = companyName }).ClickAsync();
        await owner.ArriveAsync($"**/company/{companyId}");
        await Assertions.Expect(owner.Locator("h1")).ToHaveTextAsync(companyName);
        await Accessibility.AssertNoSeriousViolationsAsync(owner);
        await owner.Locator("#company-tabs a[data-tab='Team']").ClickAsync();
        await owner.ArriveAsync($"**/company/{companyId}/team");
        await owner.Locator("#Invite_Email").FillAsync(cofounder);
        await owner.Locator("#Invite_Role").SelectOptionAsync("Member");
        await owner.GetByRole(AriaRole.Button, new() { Name = Text("Members.InviteSubmit") }).ClickAsync();
        await Assertions.Expect(owner.Locator("#invitations")).ToContainTextAsync(cofounder);
        await Accessibility.AssertNoSeriousViolationsAsync(owner);

        // The co-founder follows the emailed link, in Arabic, and joins.
        var link = await InvitationLinkAsync(cofounder);
        var context = await browser.NewContextAsync(new() { Locale = "ar" });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c%3Dar%7Cuic%3Dar", Url = browser.BaseUrl }]);
        var member = await context.NewPageAsync();
        await SignIn.AsAsync(member, cofounder, link);
        await Assertions.Expect(member.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Accessibility.AssertNoSeriousViolationsAsync(member);
        await member.Locator("#join").ClickAsync();
        await member.ArriveAsync($"**/company/{companyId}");
        await Assertions.Expect(member.Locator("h1")).ToHaveTextAsync(companyName);
        await Accessibility.AssertNoSeriousViolationsAsync(member);

        // HQ's figures before: the company is among those asked (population) but has not reported.
        var hq = await browser.NewPageAsync();
        await SignIn.AsAsync(hq, "hq@technopark.ma");
        var before = await JobsAsync(hq, today);

        // The co-founder declares last year.
        await member.Locator("#company-tabs a[data-tab='Reporting']").ClickAsync();
        await member.ArriveAsync($"**/company/{companyId}/reporting");
        await Assertions.Expect(member.Locator("#Input_Year")).ToHaveValueAsync(year.ToString(CultureInfo.InvariantCulture));
        await member.Locator("#Input_Headcount").FillAsync("8");
        await member.Locator("#Input_Revenue").FillAsync("2500000");
        foreach (var funds in new[] { "#Input_FundsGrant", "#Input_FundsLoan", "#Input_FundsEquity", "#Input_FundsPrize" })
        {
            await member.Locator(funds).FillAsync("0");
        }

        await member.Locator("#reporting-submit").ClickAsync();
        await Assertions.Expect(member.Locator($"#period-{year}")).ToHaveAttributeAsync("data-state", "Declared");
        await Accessibility.AssertNoSeriousViolationsAsync(member);
        Assert.Equal(before, await JobsAsync(hq, today)); // declared, not validated: the default figures do not move

        // The Tanger manager validates it.
        var manager = await browser.NewPageAsync();
        await SignIn.AsAsync(manager, Manager, $"/manage/tanger/reporting?year={year}");
        await manager.Locator("#to-validate tbody tr", new() { HasText = companyName }).GetByRole(AriaRole.Link).First.ClickAsync();
        await manager.ArriveAsync("**/manage/tanger/reporting/*");
        await manager.Locator("#declaration-validate").ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync(Text("Reporting.ValidatedDone"));

        // HQ: one company more behind the jobs figure, out of the same population, and its 8 jobs in the total.
        var after = await JobsAsync(hq, today);
        Assert.Equal((before.Covered + 1, before.Population, before.Jobs + 8m), (after.Covered, after.Population, after.Jobs));
        await Accessibility.AssertNoSeriousViolationsAsync(hq);

        // Both members see the company page, with the validated year.
        await owner.GotoAsync($"/company/{companyId}/reporting");
        await Assertions.Expect(owner.Locator($"#period-{year}")).ToHaveAttributeAsync("data-state", "Validated");
        await member.GotoAsync($"/company/{companyId}");
        await Assertions.Expect(member.Locator("h1")).ToHaveTextAsync(companyName);
    }

    private string Text(string key) => ResourceText.Of(browser.App.Factory, key, "fr");

    /// <summary>Jobs on the KPI page (validated figures): the companies covered, those concerned, the total.</summary>
    private static async Task<(int Covered, int Population, decimal Jobs)> JobsAsync(IPage hq, DateOnly day)
    {
        await hq.GotoAsync($"/hq/kpis?on={day:yyyy-MM-dd}");
        var coverage = hq.Locator("#kpi-coverage-Jobs");
        var figures = hq.Locator("#kpi-figures-Jobs");
        return (Number(await coverage.GetAttributeAsync("data-covered")), Number(await coverage.GetAttributeAsync("data-population")),
            decimal.Parse(await figures.GetAttributeAsync("data-value") ?? "-1", CultureInfo.InvariantCulture));
    }

    private static int Number(string? value) => int.Parse(value ?? "-1", CultureInfo.InvariantCulture);

    /// <summary>The path of the join link in the invitation emailed to <paramref name="email"/>.</summary>
    private async Task<string> InvitationLinkAsync(string email)
    {
        await using var db = browser.App.Database.CreateContext();
        var body = await db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync();
        return JoinLink().Match(body).Value;
    }

    /// <summary>
    /// Two accounts; the founder's application to Tanger submitted, scored by the manager and accepted through the app's
    /// workflow (which makes her the owner); the company hosted in a new office since the first of March of last year.
    /// </summary>
    private async Task<int> AcceptedAndHostedAsync(string founder, string cofounder, string companyName)
    {
        var factory = browser.App.Factory;
        var now = factory.Clock.GetUtcNow();
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var email in new[] { founder, cofounder })
        {
            Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true }, SignIn.Password)).Succeeded);
        }

        var founderId = (await users.FindByEmailAsync(founder))!.Id;
        var managerId = (await users.FindByEmailAsync(Manager))!.Id;
        await using var db = browser.App.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == "tanger");
        var application = Application.Start(founderId, site.Id, Programme.Incubation, now);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        application.DescribeProject("Souk Data", "Données du commerce de proximité", site.FocusSectors.First(), ProjectStage.Prototype, now);
        application.DescribeTeam("Fondatrice", founder, "0612345678", 2, companyName, null, now);
        application.DescribeMarket("Maroc", "Abonnements", now);
        application.AttachDocument(DocumentKind.PitchDeck, "deck.pdf", Guid.NewGuid().ToString("N") + ".pdf", "application/pdf", 100, now);
        application.Submit(now);
        application.AssignReviewer(managerId, managerId, now);
        application.Score(managerId, 4, 4, 4, 4, 4, "Solide", now);
        await db.SaveChangesAsync();

        var workflow = scope.ServiceProvider.GetRequiredService<ApplicationWorkflow>();
        await workflow.DecideAsync(application.Id, site.Id, Decision.Accept, "Projet solide", managerId, CancellationToken.None);

        var company = await db.Companies.SingleAsync(c => c.LegalName == companyName);
        var office = Space.Create(site.Id, $"J-{companyName[^8..]}", SpaceKind.Office, 2, 18m, 4, 2400m);
        db.Spaces.Add(office);
        await db.SaveChangesAsync();
        var lastYear = factory.Clock.Today().Year - 1;
        db.Assignments.Add(Assignment.Create(office, company, new DateRange(new DateOnly(lastYear, 3, 1), null)));
        await db.SaveChangesAsync();
        return company.Id;
    }

    [GeneratedRegex(@"/company/join/[A-Za-z0-9_\-]+")]
    private static partial Regex JoinLink();
}
