using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Identity;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using Technopark.Web.Identity;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Reporting;

/// <summary>Members declare, the site follows up (missing, reminders, validation, correction), over HTTP with the app's clock set.</summary>
public partial class ReportingTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    /// <summary>"Today" in these tests: 2025 is the year due, the first quarter of 2026 has not ended.</summary>
    private static readonly DateOnly Today = new(2026, 3, 15);

    public Task InitializeAsync()
    {
        app.Factory.Clock.SetToday(Today);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Declare_LastYearWithDecimalComma_StoredAsDeclaredAndAudited()
    {
        var company = await ResidentAsync();
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        var page = await owner.GetStringAsync(Url(company));
        Assert.Contains("value=\"2025\"", ResourceText.Tag(page, "Input_Year"), StringComparison.Ordinal); // the previous calendar year by default

        using var response = await DeclareAsync(owner, company, 2025, null, revenue: "1 234 567,50", headcount: "4,5", equity: "250 000");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var stored = await db.Declarations.SingleAsync(d => d.CompanyId == company && d.Year == 2025 && d.Quarter == null);
        Assert.Equal((DeclarationStatus.Declared, 1_234_567.50m, 4.5m, 250_000m), (stored.Status, stored.Figures.Revenue, stored.Figures.Headcount, stored.Figures.FundsEquity));
        Assert.Equal(stored.Declared, stored.Figures);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "declaration.created" && a.EntityId == Id(stored.Id)));
        Assert.Equal("Declared", StateOf(await owner.GetStringAsync(Url(company)), "2025"));
    }

    [Fact]
    public async Task Declare_SamePeriodTwice_AsksThenReplacesInOneAuditedRow()
    {
        var company = await ResidentAsync();
        using var member = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);
        using (var first = await DeclareAsync(member, company, 2024, 2, revenue: "100000"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var unconfirmed = await DeclareAsync(member, company, 2024, 2, revenue: "200000");
        var html = await unconfirmed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.NotNull(ResourceText.Tag(html, "reporting-replace"));
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(100_000m, (await db.Declarations.SingleAsync(d => d.CompanyId == company && d.Year == 2024 && d.Quarter == 2)).Figures.Revenue);
        }

        using var confirmed = await DeclareAsync(member, company, 2024, 2, revenue: "200000", confirmed: true);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using var check = app.Database.CreateContext();
        var row = await check.Declarations.SingleAsync(d => d.CompanyId == company && d.Year == 2024 && d.Quarter == 2);
        Assert.Equal(200_000m, row.Figures.Revenue);
        var audit = await check.AuditLog.SingleAsync(a => a.Action == "declaration.replaced" && a.EntityId == Id(row.Id));
        Assert.Equal(100_000m, Revenue(audit.Before!));
        Assert.Equal(200_000m, Revenue(audit.After!));
    }

    [Theory]
    [InlineData("fr", "Revenue", "-5", NumberInputError.Negative)]
    [InlineData("fr", "Revenue", "1.234.567", NumberInputError.Invalid)]
    [InlineData("fr", "Revenue", "1,234,567", NumberInputError.Invalid)]
    [InlineData("fr", "Revenue", "12,345", NumberInputError.TooManyDecimals)]
    [InlineData("fr", "Revenue", "1.234", NumberInputError.Ambiguous)]
    [InlineData("fr", "FundsGrant", "10k", NumberInputError.Invalid)]
    [InlineData("fr", "Headcount", "4,55", NumberInputError.TooManyDecimals)]
    [InlineData("fr", "FundsLoan", "100 000 000 000,01", NumberInputError.TooLarge)]
    [InlineData("en", "Revenue", "1234,50", NumberInputError.Invalid)]
    [InlineData("en", "Revenue", "1,234.567", NumberInputError.TooManyDecimals)]
    [InlineData("en", "FundsPrize", "-1", NumberInputError.Negative)]
    [InlineData("ar", "Revenue", "1.2.3", NumberInputError.Invalid)]
    public async Task Declare_BadNumber_CodedErrorNextToTheFieldAndNothingSaved(string language, string field, string value, NumberInputError error)
    {
        var company = await ResidentAsync();
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        var fields = Fields(2022, null, revenue: "5000", headcount: "2");
        fields[$"Input.{field}"] = value;

        using var response = await Personas.PostFormAsync(owner, Url(company) + "?culture=" + language, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var (scale, max) = field == "Headcount" ? (DeclarationFigures.HeadcountScale, DeclarationFigures.MaxHeadcount) : (DeclarationFigures.AmountScale, DeclarationFigures.MaxAmount);
        var culture = Cultures.Supported.Single(c => c.Name == language);
        Assert.Equal(ResourceText.Of(app.Factory, NumberInput.Code(error), language, scale, max.ToString("#,##0", Display.NumbersOf(culture)), NumberInput.Example(culture, scale)),
            Forms.FieldError(html, $"Input.{field}"));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Declarations.AnyAsync(d => d.CompanyId == company && d.Year == 2022));
    }

    [Theory]
    [InlineData(2026, null)]
    [InlineData(2027, null)]
    [InlineData(2026, 1)]
    public async Task Declare_PeriodNotEnded_ErrorNextToThePeriodAndNothingSaved(int year, int? quarter)
    {
        var company = await ResidentAsync();
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);

        using var response = await DeclareAsync(owner, company, year, quarter, revenue: "1000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Declaration.PeriodNotEnded"), Forms.FieldError(await response.Content.ReadAsStringAsync(), "Input.Year"));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Declarations.AnyAsync(d => d.CompanyId == company && d.Year == year));
    }

    [Fact]
    public async Task Declare_Alumnus_FromExitYearToExitPlusFiveNotBeyond()
    {
        app.Factory.Clock.SetToday(new DateOnly(2028, 2, 1));
        var company = await AlumniAsync();
        using var alumnus = await Personas.ClientAsync(app.Factory, Persona.Alumnus);
        var page = await alumnus.GetStringAsync(Url(company));
        Assert.Equal("Missing", StateOf(page, "2026"));
        Assert.Null(ResourceText.Tag(page, "period-2027"));

        using (var exitPlusFive = await DeclareAsync(alumnus, company, 2026, null, revenue: "80 000"))
        {
            Assert.Equal(HttpStatusCode.Redirect, exitPlusFive.StatusCode);
        }

        using var exitPlusSix = await DeclareAsync(alumnus, company, 2027, null, revenue: "80 000");

        Assert.Equal(ResourceText.Of(app.Factory, "Declaration.YearNotDue", Cultures.Default, "2027"), Forms.FieldError(await exitPlusSix.Content.ReadAsStringAsync(), "Input.Year"));
        await using var db = app.Database.CreateContext();
        Assert.Equal([2026], await db.Declarations.Where(d => d.CompanyId == company).Select(d => d.Year).ToListAsync());
    }

    [Fact]
    public async Task ClosedCompany_AskedOnceForItsExitYear_ThenNothingMore()
    {
        var company = await CompanyAsync("tanger", "Fermée Reporting SARL", new DateOnly(2022, 4, 1), ExitReason.Closed, new DateOnly(2024, 5, 31));
        await MemberAsync(company, Persona.OtherCompanyOwner);
        using var client = await Personas.ClientAsync(app.Factory, Persona.OtherCompanyOwner);

        var asked = await client.GetStringAsync(Url(company));
        Assert.NotNull(ResourceText.Tag(asked, "reporting-closed"));
        Assert.Contains("value=\"2024\"", ResourceText.Tag(asked, "Input_Year"), StringComparison.Ordinal);
        Assert.Contains("checked", ResourceText.Tag(asked, "Input_StillActive-no"), StringComparison.Ordinal);
        Assert.DoesNotContain("checked", ResourceText.Tag(asked, "Input_StillActive-yes"), StringComparison.Ordinal);

        var fields = Fields(2024, null, revenue: "0");
        fields["Input.StillActive"] = "false";
        using (var confirmed = await Personas.PostFormAsync(client, Url(company), fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        var after = await client.GetStringAsync(Url(company));
        Assert.Null(ResourceText.Tag(after, "reporting-closed"));
        Assert.Null(ResourceText.Tag(after, "period-2025"));
        using var later = await DeclareAsync(client, company, 2025, null, revenue: "0");
        Assert.Equal(ResourceText.Of(app.Factory, "Declaration.YearNotDue", Cultures.Default, "2025"), Forms.FieldError(await later.Content.ReadAsStringAsync(), "Input.Year"));
    }

    /// <summary>The "missing" list against a plain reading of the rules over random companies, stays, exits and declarations.</summary>
    [Theory]
    [InlineData(11, "rabat")]
    [InlineData(12, "agadir")]
    [InlineData(13, "essaouira")]
    public async Task Missing_RandomSite_ExactlyTheCompaniesDueWithoutADeclaration(int seed, string slug)
    {
        var reference = await RandomSiteAsync(seed, slug);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        foreach (var year in new[] { 2012, 2016, 2019, 2020, 2022, 2024, 2025 })
        {
            var html = await hq.GetStringAsync($"/manage/{slug}/reporting?year={year}");
            var shown = CompanyRows().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();
            var expected = reference.Where(c => c.OwesWithoutDeclaration(year)).Select(c => c.Id).Order().ToList();
            Assert.True(expected.SequenceEqual(shown), $"seed {seed}, {year}: expected [{string.Join(", ", expected)}], shown [{string.Join(", ", shown)}]");
            Assert.Contains($"data-missing=\"{expected.Count}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Remind_OnceAWeek_EveryMemberInTheirLanguage()
    {
        var company = await CompanyAsync("tanger", "Relance Reporting SARL", new DateOnly(2020, 1, 6), null, null);
        await MemberAsync(company, Persona.Applicant, "en");
        await MemberAsync(company, Persona.ReviewerTanger, "ar");
        await MemberAsync(company, Persona.OtherCompanyOwner, null);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var list = "/manage/tanger/reporting?year=2025";

        using (var sent = await Personas.PostFormAsync(manager, "/manage/tanger/reporting?handler=Remind", new() { ["year"] = "2025", ["companyId"] = Id(company) }, list))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        await using (var db = app.Database.CreateContext())
        {
            var emails = await db.Outbox.Where(m => m.Subject.Contains("Relance Reporting SARL")).ToListAsync();
            Assert.Equal(3, emails.Count);
            foreach (var (persona, language) in new[] { (Persona.Applicant, "en"), (Persona.ReviewerTanger, "ar"), (Persona.OtherCompanyOwner, "fr") })
            {
                var email = emails.Single(m => m.To == Personas.Email(persona));
                Assert.Equal(ResourceText.Of(app.Factory, "Reporting.ReminderSubject", language, 2025, "Relance Reporting SARL"), email.Subject);
                Assert.Contains($"/company/{company}/reporting", email.TextBody, StringComparison.Ordinal);
            }

            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "reporting.reminded" && a.EntityId == Id(company)));
        }

        using (var again = await Personas.PostFormAsync(manager, "/manage/tanger/reporting?handler=Remind", new() { ["year"] = "2025", ["companyId"] = Id(company) }, list))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        var page = await manager.GetStringAsync(list);
        Assert.Contains($"data-next=\"{Display.Iso(Today.AddDays(7))}\"", RowOf(page, company), StringComparison.Ordinal);
        using (var ask = await Personas.PostFormAsync(manager, "/manage/tanger/reporting?handler=RemindAll", new() { ["year"] = "2025" }, list))
        {
            Assert.NotNull(ResourceText.Tag(await ask.Content.ReadAsStringAsync(), "remind-all-confirm"));
        }

        await AssertRemindersAsync(company, reminders: 1, emails: 3);
        using (var all = await Personas.PostFormAsync(manager, "/manage/tanger/reporting?handler=RemindAll", new() { ["year"] = "2025", ["confirmed"] = "true" }, list))
        {
            Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        }

        await AssertRemindersAsync(company, reminders: 1, emails: 3);

        app.Factory.Clock.SetToday(Today.AddDays(7));
        using var nextWeek = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger); // a week later the sign-in has expired
        using (var week = await Personas.PostFormAsync(nextWeek, "/manage/tanger/reporting?handler=Remind", new() { ["year"] = "2025", ["companyId"] = Id(company) }, list))
        {
            Assert.Equal(HttpStatusCode.Redirect, week.StatusCode);
        }

        await AssertRemindersAsync(company, reminders: 2, emails: 6);
    }

    [Fact]
    public async Task ValidateAndCorrect_AuditedAndTheMemberSeesTheCorrection()
    {
        var company = await ResidentAsync();
        int toCorrect, toValidate;
        await using (var db = app.Database.CreateContext())
        {
            toCorrect = await SeedDeclarationAsync(db, company, 2021, DeclarationFigures.Create(3, 500_000, 0, 0, 0, 0, true));
            toValidate = await SeedDeclarationAsync(db, company, 2020, DeclarationFigures.Create(2, 300_000, 0, 0, 0, 0, true));
        }

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var detail = $"/manage/tanger/reporting/{toCorrect}";
        var correction = new Dictionary<string, string>
        {
            ["Input.Headcount"] = "3", ["Input.Revenue"] = "450 000", ["Input.FundsGrant"] = "", ["Input.FundsLoan"] = "",
            ["Input.FundsEquity"] = "", ["Input.FundsPrize"] = "", ["Input.StillActive"] = "true", ["Input.Reason"] = "  ",
        };
        using (var noReason = await Personas.PostFormAsync(manager, detail + "?handler=Correct", correction, detail))
        {
            Assert.Equal(ResourceText.Of(app.Factory, "Declaration.ReasonRequired", Cultures.Default, Declaration.ReasonMaxLength),
                Forms.FieldError(await noReason.Content.ReadAsStringAsync(), "Input.Reason"));
        }

        correction["Input.Reason"] = "Chiffre d'affaires du bilan certifié";
        using (var corrected = await Personas.PostFormAsync(manager, detail + "?handler=Correct", correction, detail))
        {
            Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        }

        using (var validated = await Personas.PostFormAsync(manager, $"/manage/tanger/reporting/{toValidate}?handler=Validate", [], $"/manage/tanger/reporting/{toValidate}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, validated.StatusCode);
        }

        await using (var db = app.Database.CreateContext())
        {
            var row = await db.Declarations.SingleAsync(d => d.Id == toCorrect);
            Assert.Equal((DeclarationStatus.Validated, 450_000m, 500_000m), (row.Status, row.Figures.Revenue, row.Declared.Revenue));
            var audit = await db.AuditLog.SingleAsync(a => a.Action == "declaration.corrected" && a.EntityId == Id(toCorrect));
            Assert.Equal((500_000m, 450_000m), (Revenue(audit.Before!), Revenue(audit.After!)));
            Assert.Equal(DeclarationStatus.Validated, (await db.Declarations.SingleAsync(d => d.Id == toValidate)).Status);
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "declaration.validated" && a.EntityId == Id(toValidate)));
        }

        var sitePage = await manager.GetStringAsync($"/manage/tanger/companies/{company}");
        Assert.Contains("data-state=\"Corrected\"", Regex.Match(sitePage, $"<tr data-declaration=\"{toCorrect}\"[^>]*>").Value, StringComparison.Ordinal);

        using var member = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);
        var page = await member.GetStringAsync(Url(company));
        Assert.Equal(("Corrected", "Validated"), (StateOf(page, "2021"), StateOf(page, "2020")));
        Assert.Contains("Chiffre d'affaires du bilan certifié", ResourceText.Inner(page, "correction-2021"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_OtherSitesOtherCompaniesAndReaders_CannotAct()
    {
        var company = await ResidentAsync();
        int declaration;
        await using (var db = app.Database.CreateContext())
        {
            declaration = await SeedDeclarationAsync(db, company, 2019, DeclarationFigures.Create(1, 1000, 0, 0, 0, 0, true));
        }

        using var oujda = await Personas.ClientAsync(app.Factory, Persona.ManagerOujda);
        Assert.Equal(HttpStatusCode.Forbidden, (await oujda.GetAsync("/manage/tanger/reporting")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oujda.GetAsync($"/manage/tanger/reporting/{declaration}")).StatusCode);
        using (var posted = await Personas.PostFormAsync(oujda, $"/manage/tanger/reporting/{declaration}?handler=Validate", [], "/manage/oujda/reporting"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }

        using (var ownSite = await Personas.PostFormAsync(oujda, $"/manage/oujda/reporting/{declaration}?handler=Validate", [], "/manage/oujda/reporting"))
        {
            Assert.Equal(HttpStatusCode.NotFound, ownSite.StatusCode); // a Tanger declaration does not exist at Oujda
        }

        using var reviewer = await Personas.ClientAsync(app.Factory, Persona.ReviewerTanger);
        using (var read = await Personas.PostFormAsync(reviewer, $"/manage/tanger/reporting/{declaration}?handler=Validate", [], $"/manage/tanger/reporting/{declaration}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        using var other = await Personas.ClientAsync(app.Factory, Persona.OtherCompanyOwner);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Url(company))).StatusCode);
        var otherCompany = (await Personas.CompaniesAsync(app.Factory)).Other;
        using (var declared = await Personas.PostFormAsync(other, Url(company), Fields(2019, null, revenue: "1"), Url(otherCompany)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, declared.StatusCode);
        }

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using (var staff = await Personas.PostFormAsync(manager, Url(company), Fields(2019, null, revenue: "1")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode); // staff read the company's declarations; members declare
        }

        await using var check = app.Database.CreateContext();
        var unchanged = await check.Declarations.SingleAsync(d => d.Id == declaration);
        Assert.Equal((DeclarationStatus.Declared, 1000m), (unchanged.Status, unchanged.Figures.Revenue));
    }

    private static string Url(int company) => $"/company/{company}/reporting";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fields(int year, int? quarter, string revenue, string headcount = "2", string equity = "") => new()
    {
        ["Input.Year"] = Id(year),
        ["Input.Quarter"] = quarter is { } q ? Id(q) : "",
        ["Input.Headcount"] = headcount,
        ["Input.Revenue"] = revenue,
        ["Input.FundsGrant"] = "",
        ["Input.FundsLoan"] = "",
        ["Input.FundsEquity"] = equity,
        ["Input.FundsPrize"] = "",
        ["Input.StillActive"] = "true",
    };

    private static Task<HttpResponseMessage> DeclareAsync(HttpClient client, int company, int year, int? quarter, string revenue, string headcount = "2", string equity = "", bool confirmed = false)
    {
        var fields = Fields(year, quarter, revenue, headcount, equity);
        if (confirmed)
        {
            fields["Input.Confirmed"] = "true";
        }

        return Personas.PostFormAsync(client, Url(company), fields);
    }

    /// <summary>The state a member's page shows for a period ("2025", "2024-q2").</summary>
    private static string? StateOf(string html, string period) =>
        ResourceText.Tag(html, $"period-{period}") is { } tag ? Regex.Match(tag, "data-state=\"([A-Za-z]+)\"").Groups[1].Value : null;

    private static string RowOf(string html, int company) =>
        Regex.Match(html, $"<tr data-company=\"{company}\">.*?</tr>", RegexOptions.Singleline).Value;

    private static decimal Revenue(string json) => JsonDocument.Parse(json).RootElement.GetProperty("figures").GetProperty("revenue").GetDecimal();

    private async Task AssertRemindersAsync(int company, int reminders, int emails)
    {
        await using var db = app.Database.CreateContext();
        Assert.Equal(reminders, await db.ReportingReminders.CountAsync(r => r.CompanyId == company));
        Assert.Equal(emails, await db.Outbox.CountAsync(m => m.Subject.Contains("Relance Reporting SARL")));
    }

    private async Task<int> SeedDeclarationAsync(Technopark.Infrastructure.Data.TechnoparkDbContext db, int company, int year, DeclarationFigures figures)
    {
        var declaration = Declaration.Create(company, new ReportingPeriod(year), figures, "seed", app.Factory.Clock.GetUtcNow(), Today);
        db.Declarations.Add(declaration);
        await db.SaveChangesAsync();
        return declaration.Id;
    }

    /// <summary>The personas' resident company, hosted at Tanger since 2018 (a stay added once).</summary>
    private async Task<int> ResidentAsync()
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Resident;
        await Personas.EnsureAsync(app.Factory, Persona.CompanyOwner);
        await Personas.EnsureAsync(app.Factory, Persona.CompanyMember);
        await using var db = app.Database.CreateContext();
        if (!await db.Assignments.AnyAsync(a => a.CompanyId == id))
        {
            var company = await db.Companies.SingleAsync(c => c.Id == id);
            db.Assignments.Add(Assignment.Create(await CoworkingAsync(db, company.SiteId), company, new DateRange(new DateOnly(2018, 1, 8), null)));
            await db.SaveChangesAsync();
        }

        return id;
    }

    /// <summary>A company hosted at Tanger from 2018 that graduated on 30/06/2021, with the Alumnus persona as member.</summary>
    private async Task<int> AlumniAsync()
    {
        var id = await CompanyAsync("tanger", "Diplômée Reporting SARL", new DateOnly(2018, 2, 1), ExitReason.Graduated, new DateOnly(2021, 6, 30));
        await MemberAsync(id, Persona.Alumnus);
        return id;
    }

    private async Task<int> CompanyAsync(string slug, string name, DateOnly hostedFrom, ExitReason? exit, DateOnly? exitedOn)
    {
        await using var db = app.Database.CreateContext();
        if (await db.Companies.Where(c => c.LegalName == name).Select(c => (int?)c.Id).SingleOrDefaultAsync() is { } existing)
        {
            return existing;
        }

        var site = await db.Sites.SingleAsync(s => s.Slug == slug);
        var company = Company.Create(site.Id, name, CompanyForm.Startup, Sectors.Digital);
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        db.Assignments.Add(Assignment.Create(await CoworkingAsync(db, site.Id), company, new DateRange(hostedFrom, exitedOn)));
        if (exit is { } reason)
        {
            company.Leave(reason, exitedOn!.Value);
        }

        await db.SaveChangesAsync();
        return company.Id;
    }

    /// <summary>Adds the persona to the company (once), reading emails in <paramref name="language"/> (none: French).</summary>
    private async Task MemberAsync(int company, Persona persona, string? language = null)
    {
        await Personas.EnsureAsync(app.Factory, persona);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(Personas.Email(persona)))!;
        if (language is not null && (await users.GetClaimsAsync(user)).All(c => c.Type != UserLanguage.ClaimType))
        {
            await users.AddClaimAsync(user, new Claim(UserLanguage.ClaimType, language));
        }

        await using var db = app.Database.CreateContext();
        if (!await db.CompanyMembers.AnyAsync(m => m.CompanyId == company && m.UserId == user.Id))
        {
            db.CompanyMembers.Add(CompanyMember.Create(company, user.Id, CompanyRole.Member, app.Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>A large coworking space of the site, created once: stays of test companies go there.</summary>
    private static async Task<Space> CoworkingAsync(Technopark.Infrastructure.Data.TechnoparkDbContext db, int siteId)
    {
        if (await db.Spaces.FirstOrDefaultAsync(s => s.SiteId == siteId && s.Code == "CW-REP") is { } space)
        {
            return space;
        }

        space = Space.Create(siteId, "CW-REP", SpaceKind.Coworking, 0, 500m, 500, 1000m);
        db.Spaces.Add(space);
        await db.SaveChangesAsync();
        return space;
    }

    /// <summary>One random company of the reference: when it was first hosted, how it left, what it declared.</summary>
    private sealed record ReferenceCompany(int Id, DateOnly? FirstHosted, ExitReason? Exit, DateOnly? ExitedOn, Dictionary<int, bool> YearlyActive, HashSet<int> QuarterYearsInactive)
    {
        /// <summary>The rules written out plainly: hosted by then; not after a "no longer active" year; closed: up to the exit year; else 5 years after.</summary>
        public bool OwesWithoutDeclaration(int year)
        {
            if (FirstHosted is null || FirstHosted.Value.Year > year || YearlyActive.ContainsKey(year))
            {
                return false;
            }

            var inactive = YearlyActive.Where(d => !d.Value).Select(d => d.Key).Concat(QuarterYearsInactive).DefaultIfEmpty(int.MaxValue).Min();
            if (year > inactive)
            {
                return false;
            }

            return ExitedOn is null || year <= ExitedOn.Value.Year + (Exit == ExitReason.Closed ? 0 : 5);
        }
    }

    private async Task<List<ReferenceCompany>> RandomSiteAsync(int seed, string slug)
    {
        var random = new Random(seed);
        var reference = new List<ReferenceCompany>();
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == slug);
        var space = await CoworkingAsync(db, site.Id);
        for (var i = 0; i < 30; i++)
        {
            var company = Company.Create(site.Id, $"Aléa {seed}-{i}", CompanyForm.Startup, Sectors.Digital);
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            DateOnly? first = random.Next(6) == 0 ? null : new DateOnly(random.Next(2010, 2026), random.Next(1, 13), 1);
            ExitReason? exit = null;
            DateOnly? exitedOn = null;
            if (first is { } start)
            {
                var stays = random.Next(1, 3);
                var from = start;
                for (var s = 0; s < stays; s++)
                {
                    db.Assignments.Add(Assignment.Create(space, company, new DateRange(from, from.AddMonths(random.Next(3, 30)))));
                    from = from.AddMonths(random.Next(1, 40));
                }

                if (random.Next(2) == 0)
                {
                    exit = (ExitReason)random.Next(Enum.GetValues<ExitReason>().Length);
                    exitedOn = start.AddMonths(random.Next(1, 60));
                    if (exitedOn > Today)
                    {
                        exitedOn = Today;
                    }

                    company.Leave(exit.Value, exitedOn.Value);
                }
            }

            var yearly = new Dictionary<int, bool>();
            var quarterInactive = new HashSet<int>();
            if (first is not null)
            {
                foreach (var year in Enumerable.Range(2010, 16).Where(_ => random.Next(3) == 0))
                {
                    var active = random.Next(5) != 0;
                    var quarter = random.Next(4) == 0 ? random.Next(1, 5) : (int?)null;
                    var declaration = Declaration.Create(company.Id, new ReportingPeriod(year, quarter), DeclarationFigures.Create(1, 1, 0, 0, 0, 0, active), "seed", app.Factory.Clock.GetUtcNow(), Today);
                    if (random.Next(2) == 0)
                    {
                        declaration.Validate("seed", app.Factory.Clock.GetUtcNow());
                    }

                    db.Declarations.Add(declaration);
                    if (quarter is null)
                    {
                        yearly[year] = active;
                    }
                    else if (!active)
                    {
                        quarterInactive.Add(year);
                    }
                }
            }

            await db.SaveChangesAsync();
            reference.Add(new ReferenceCompany(company.Id, first, exit, exitedOn, yearly, quarterInactive));
        }

        return reference;
    }

    [GeneratedRegex("<tr data-company=\"(\\d+)\">")]
    private static partial Regex CompanyRows();
}
