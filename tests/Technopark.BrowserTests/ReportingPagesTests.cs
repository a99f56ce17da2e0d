using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Reporting;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>A member declares last year with a decimal comma, the Tanger manager validates it, the member sees it validated; the pages in Arabic and on a phone.</summary>
public class ReportingPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Manager = "manager.tanger@technopark.ma";

    [Fact]
    public async Task Member_DeclaresLastYearInFrench_ManagerValidates_MemberSeesValidated()
    {
        var company = await HostedResidentAsync();
        var year = ReportingPeriod.YearDueOn(browser.App.Factory.Clock.Today()).Year;
        var member = await browser.NewPageAsync();
        await SignInAsync(member, Personas.Email(Persona.CompanyOwner), Personas.Password, $"/company/{company}/reporting");
        await Accessibility.AssertNoSeriousViolationsAsync(member);

        await Assertions.Expect(member.Locator("#Input_Year")).ToHaveValueAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await member.GetByLabel(Text("Reporting.Headcount"), new() { Exact = true }).FillAsync("3,5");
        await member.GetByLabel(Text("Reporting.Revenue"), new() { Exact = true }).FillAsync("1 234 567,50");
        await member.GetByLabel(Text("Reporting.FundsGrant"), new() { Exact = true }).FillAsync("150000.5");
        await member.GetByRole(AriaRole.Button, new() { Name = Text("Reporting.Submit") }).ClickAsync();
        await Assertions.Expect(member.Locator("#reporting-message")).ToHaveTextAsync(Text("Reporting.Declared", "fr", year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await Assertions.Expect(member.Locator($"#period-{year}")).ToHaveAttributeAsync("data-state", "Declared");

        var manager = await browser.NewPageAsync();
        await SignIn.AsAsync(manager, Manager, $"/manage/tanger/reporting?year={year}");
        await Accessibility.AssertNoSeriousViolationsAsync(manager);
        await manager.Locator("#to-validate tbody tr", new() { HasText = Personas.ResidentCompany }).GetByRole(AriaRole.Link).ClickAsync();
        await manager.ArriveAsync("**/manage/tanger/reporting/*");
        await Accessibility.AssertNoSeriousViolationsAsync(manager);
        await manager.Locator("#declaration-validate").ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync(Text("Reporting.ValidatedDone"));
        await Assertions.Expect(manager.Locator("#validated tbody tr", new() { HasText = Personas.ResidentCompany })).ToHaveCountAsync(1);

        await member.GotoAsync($"/company/{company}/reporting");
        await Assertions.Expect(member.Locator($"#period-{year}")).ToHaveAttributeAsync("data-state", "Validated");
        await Assertions.Expect(member.Locator($"#period-{year}")).ToContainTextAsync(Text("Reporting.State.Validated"));
    }

    [Theory]
    // French on a phone and Arabic (right to left) on a desktop cover French, Arabic and the phone layout; a third run found nothing the two miss and CI time is counted (as AccessibilitySweepTests).
    [InlineData("ar", 1280, 900)]
    [InlineData("fr", 390, 844)]
    public async Task ReportingPages_InArabicAndOnAPhone_NoSeriousViolations(string language, int width, int height)
    {
        var company = await HostedResidentAsync();
        var declaration = await OlderDeclarationAsync(company);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, Personas.Email(Persona.CompanyOwner), Personas.Password, $"/company/{company}/reporting?culture={language}");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#Input_Revenue").FillAsync(string.Empty);
        await page.Locator("#reporting-submit").ClickAsync(); // no revenue: the error beside the field
        await Assertions.Expect(page.Locator("#Input_Revenue-error")).ToHaveTextAsync(Text("Reporting.Number.Required", language));
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var staff = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } })).NewPageAsync();
        await SignIn.AsAsync(staff, Manager, $"/manage/tanger/reporting?culture={language}");
        await Accessibility.AssertNoSeriousViolationsAsync(staff);
        await staff.GotoAsync($"/manage/tanger/reporting/{declaration}?culture={language}");
        await Assertions.Expect(staff.Locator("#declaration-figures")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(staff);
    }

    private string Text(string key, string language = "fr", params object[] arguments) => ResourceText.Of(browser.App.Factory, key, language, arguments);

    private static async Task SignInAsync(IPage page, string email, string password, string returnUrl)
    {
        await page.GotoAsync(SignIn.LoginPath + "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await SignIn.SubmitAsync(page, email, password);
        await page.ArriveAsync(url => url.Contains("/company/", StringComparison.Ordinal));
    }

    /// <summary>The personas' resident company (Tanger) with its owner, hosted since 2019.</summary>
    private async Task<int> HostedResidentAsync()
    {
        await Personas.EnsureAsync(browser.App.Factory, Persona.CompanyOwner);
        var id = (await Personas.CompaniesAsync(browser.App.Factory)).Resident;
        await using var db = browser.App.Database.CreateContext();
        if (!await db.Assignments.AnyAsync(a => a.CompanyId == id))
        {
            var company = await db.Companies.SingleAsync(c => c.Id == id);
            var space = Space.Create(company.SiteId, "CW-BRW", SpaceKind.Coworking, 0, 80m, 40, 900m);
            db.Spaces.Add(space);
            await db.SaveChangesAsync();
            db.Assignments.Add(Assignment.Create(space, company, new DateRange(new DateOnly(2019, 1, 7), null)));
            await db.SaveChangesAsync();
        }

        return id;
    }

    /// <summary>A declaration of the year before last, for the site's declaration page.</summary>
    private async Task<int> OlderDeclarationAsync(int company)
    {
        var today = browser.App.Factory.Clock.Today();
        var year = today.Year - 2;
        await using var db = browser.App.Database.CreateContext();
        if (await db.Declarations.Where(d => d.CompanyId == company && d.Year == year && d.Quarter == null).Select(d => (int?)d.Id).FirstOrDefaultAsync() is { } id)
        {
            return id;
        }

        var declaration = Declaration.Create(company, new ReportingPeriod(year), DeclarationFigures.Create(2.5m, 640_000m, 0m, 0m, 0m, 0m, true), "test", browser.App.Factory.Clock.GetUtcNow(), today);
        db.Declarations.Add(declaration);
        await db.SaveChangesAsync();
        return declaration.Id;
    }
}
