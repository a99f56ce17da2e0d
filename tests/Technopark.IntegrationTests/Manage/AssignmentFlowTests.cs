using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Manage;

public class AssignmentFlowTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    /// <summary>The app's "today" in these tests (its clock is set to it): no test depends on the wall clock.</summary>
    private static readonly DateOnly Today = new(2026, 11, 26);

    public Task InitializeAsync()
    {
        app.Factory.Clock.SetToday(Today);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Assign_TwentyParallelRequestsForOneOffice_ExactlyOneWins()
    {
        var office = await SpaceAsync("tanger", "P-101", SpaceKind.Office, 4);
        var companies = await CompaniesAsync("tanger", 20, "Parallèle");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var token = await TokenAsync(client, "/manage/tanger/assign");

        var responses = await Task.WhenAll(companies.Select((company, i) => client.PostAsync("/manage/tanger/assign", Form(token, new()
        {
            ["Input.SpaceId"] = Id(office),
            ["Input.CompanyId"] = Id(company),
            ["Input.Start"] = Day(Today.AddDays(10 + i)),
            ["Input.LastDay"] = Day(Today.AddDays(200)),
        }))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Le bureau P-101 est déjà occupé du ", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Assignments.CountAsync(a => a.SpaceId == office));
    }

    [Fact]
    public async Task Assign_TwentyParallelRequestsForTheLastCoworkingSeat_ExactlyOneWins()
    {
        var coworking = await SpaceAsync("tanger", "CW-P", SpaceKind.Coworking, 5);
        var companies = await CompaniesAsync("tanger", 21, "Siège");
        await using (var db = app.Database.CreateContext())
        {
            var space = await db.Spaces.SingleAsync(s => s.Id == coworking);
            var first = await db.Companies.SingleAsync(c => c.Id == companies[0]);
            db.Assignments.Add(Assignment.Create(space, first, new DateRange(Today, null), 4));
            await db.SaveChangesAsync();
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var token = await TokenAsync(client, "/manage/tanger/assign");
        var responses = await Task.WhenAll(companies.Skip(1).Select(company => client.PostAsync("/manage/tanger/assign", Form(token, new()
        {
            ["Input.SpaceId"] = Id(coworking),
            ["Input.CompanyId"] = Id(company),
            ["Input.Start"] = Day(Today.AddDays(1)),
            ["Input.Seats"] = "1",
        }))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.Contains("n'a plus que 0 place(s) libre(s)", WebUtility.HtmlDecode(await responses.First(r => r.StatusCode == HttpStatusCode.OK).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var check = app.Database.CreateContext();
        Assert.Equal(5, await check.Assignments.Where(a => a.SpaceId == coworking).SumAsync(a => a.Seats));
    }

    [Fact]
    public async Task Transfer_ToAnOccupiedOffice_FailsAndLeavesBothAssignmentsUnchanged()
    {
        var from = await SpaceAsync("tanger", "T-101", SpaceKind.Office, 2);
        var to = await SpaceAsync("tanger", "T-102", SpaceKind.Office, 2);
        var (mover, holder) = (await CompaniesAsync("tanger", 2, "Transfert")) is var c ? (c[0], c[1]) : default;
        var assignment = await AssignmentAsync(from, mover, Today.AddDays(-10), null);
        await AssignmentAsync(to, holder, Today.AddDays(-10), null);
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await PostAssignmentAsync(client, assignment, "Transfer", new() { ["ToSpaceId"] = Id(to), ["FirstDay"] = Day(Today.AddDays(5)) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le bureau T-102 est déjà occupé à partir du", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var unchanged = await db.Assignments.SingleAsync(a => a.Id == assignment);
        Assert.Null(unchanged.Period.End);
        Assert.Null(unchanged.EndReason);
        Assert.Equal(1, await db.Assignments.CountAsync(a => a.CompanyId == mover));
    }

    [Fact]
    public async Task Transfer_ToAFreeOffice_EndsOneAssignmentAndStartsTheNextTheSameDay()
    {
        var from = await SpaceAsync("tanger", "T-201", SpaceKind.Office, 2);
        var to = await SpaceAsync("tanger", "T-202", SpaceKind.Office, 3);
        var mover = (await CompaniesAsync("tanger", 1, "Déménageur"))[0];
        var assignment = await AssignmentAsync(from, mover, Today.AddDays(-10), Today.AddDays(300));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var day = Today.AddDays(7);

        using var response = await PostAssignmentAsync(client, assignment, "Transfer", new() { ["ToSpaceId"] = Id(to), ["FirstDay"] = Day(day) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var assignments = await db.Assignments.Where(a => a.CompanyId == mover).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, assignments.Count);
        Assert.Equal((day, AssignmentEnd.Transferred), (assignments[0].Period.End!.Value, assignments[0].EndReason!.Value));
        Assert.Equal((to, day, Today.AddDays(300)), (assignments[1].SpaceId, assignments[1].Period.Start, assignments[1].Period.End!.Value));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "assignment.transfer" && a.EntityId == Id(assignment)));
    }

    [Theory]
    [InlineData("Extend", "LastDay")]
    [InlineData("End", "LastDay")]
    [InlineData("Transfer", "FirstDay")]
    public async Task AssignmentChange_DayAtTheEndOfTheCalendar_MessageBesideTheFieldNot500(string handler, string field)
    {
        var office = await SpaceAsync("tanger", $"Z-{handler}", SpaceKind.Office, 2);
        var other = await SpaceAsync("tanger", $"Z-{handler}-2", SpaceKind.Office, 2);
        var company = (await CompaniesAsync("tanger", 1, $"Calendrier {handler}"))[0];
        var assignment = await AssignmentAsync(office, company, Today, Today.AddDays(100));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await PostAssignmentAsync(client, assignment, handler,
            new() { [field] = "9999-12-31", ["ToSpaceId"] = Id(other), ["Reason"] = "Graduated" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(OutOfRangeMessage(), html, StringComparison.Ordinal);
        await using var check = app.Database.CreateContext();
        Assert.Equal(Today.AddDays(100), (await check.Assignments.SingleAsync(a => a.Id == assignment)).Period.End);
    }

    private string OutOfRangeMessage()
    {
        var (culture, uiCulture) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("fr");
            return Technopark.Web.Localization.Display.OutOfRange(
                app.Factory.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Technopark.Web.SharedResource>>());
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Fact]
    public async Task Extend_BasedOnStaleData_IsRefused()
    {
        var office = await SpaceAsync("tanger", "S-101", SpaceKind.Office, 2);
        var company = (await CompaniesAsync("tanger", 1, "Périmé"))[0];
        var assignment = await AssignmentAsync(office, company, Today, Today.AddDays(100));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var page = await client.GetStringAsync($"/manage/tanger/assignments/{assignment}");
        await using (var db = app.Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE assignments SET monthly_rent = 1234 WHERE id = {assignment}");
        }

        using var response = await client.PostAsync($"/manage/tanger/assignments/{assignment}?handler=Extend", Form(Token(page), new()
        {
            ["Version"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value,
            ["LastDay"] = Day(Today.AddDays(400)),
        }));

        Assert.Contains(ResourceText.Of(app.Factory, "Common.Stale"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var check = app.Database.CreateContext();
        Assert.Equal(Today.AddDays(100), (await check.Assignments.SingleAsync(a => a.Id == assignment)).Period.End);
    }

    [Fact]
    public async Task End_Graduated_EndsTheAssignmentAndTheCompanyLeavesTheNetwork()
    {
        var office = await SpaceAsync("tanger", "G-901", SpaceKind.Office, 2);
        var company = (await CompaniesAsync("tanger", 1, "Lauréate"))[0];
        var assignment = await AssignmentAsync(office, company, Today.AddDays(-20), null);
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var lastDay = Today.AddDays(30);

        using var response = await PostAssignmentAsync(client, assignment, "End", new() { ["LastDay"] = Day(lastDay), ["Reason"] = "Graduated", ["Confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var ended = await db.Assignments.SingleAsync(a => a.Id == assignment);
        Assert.Equal((lastDay.AddDays(1), AssignmentEnd.Graduated), (ended.Period.End!.Value, ended.EndReason!.Value));
        var left = await db.Companies.SingleAsync(c => c.Id == company);
        Assert.Equal((ExitReason.Graduated, lastDay.AddDays(1)), (left.ExitReason!.Value, left.ExitedOn!.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Transferred")]
    [InlineData("Bogus")]
    public async Task End_WithoutAReasonChosen_MessageNextToTheFieldAndNothingChanges(string reason)
    {
        var office = await SpaceAsync("tanger", $"N-{reason.Length}", SpaceKind.Office, 2);
        var company = (await CompaniesAsync("tanger", 1, $"Sans motif {reason}"))[0];
        var assignment = await AssignmentAsync(office, company, Today.AddDays(-20), null);
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await PostAssignmentAsync(client, assignment, "End", new() { ["LastDay"] = Day(Today.AddDays(30)), ["Reason"] = reason, ["Confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(ResourceText.Of(app.Factory, "Assignment.ReasonRequired"), ResourceText.Inner(html, "Reason-error")?.Trim());
        Assert.Contains("aria-invalid=\"true\"", ResourceText.Tag(html, "end-reason"), StringComparison.Ordinal);
        await AssertUnchangedAsync(assignment, company);
    }

    [Fact]
    public async Task End_FormOnGet_HasNoReasonChosen()
    {
        var office = await SpaceAsync("tanger", "N-900", SpaceKind.Office, 2);
        var company = (await CompaniesAsync("tanger", 1, "Formulaire"))[0];
        var assignment = await AssignmentAsync(office, company, Today.AddDays(-20), null);
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var html = await client.GetStringAsync($"/manage/tanger/assignments/{assignment}");

        var select = System.Text.RegularExpressions.Regex.Match(html, "<select[^>]*id=\"end-reason\".*?</select>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("<option value=\"\">", select, StringComparison.Ordinal);
        Assert.DoesNotContain("selected", select, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Graduated")]
    [InlineData("Closed")]
    [InlineData("Relocated")]
    [InlineData("Other")]
    public async Task End_ReasonChosenNotConfirmed_ShowsTheConfirmationAndNothingChanges(string reason)
    {
        var office = await SpaceAsync("tanger", $"C-{reason}", SpaceKind.Office, 2);
        var company = (await CompaniesAsync("tanger", 1, $"À confirmer {reason}"))[0];
        var assignment = await AssignmentAsync(office, company, Today.AddDays(-20), null);
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var lastDay = Today.AddDays(30);

        using var response = await PostAssignmentAsync(client, assignment, "End", new() { ["LastDay"] = Day(lastDay), ["Reason"] = reason });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        string companyName;
        await using (var db = app.Database.CreateContext())
        {
            companyName = (await db.Companies.SingleAsync(c => c.Id == company)).LegalName;
        }

        var summary = ResourceText.Inner(html, "end-confirm-summary");
        Assert.Contains(companyName, summary, StringComparison.Ordinal);
        Assert.Contains(lastDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), summary, StringComparison.Ordinal);
        Assert.Equal(ResourceText.Of(app.Factory, $"Assignment.KpiMeaning.{reason}"), ResourceText.Inner(html, "end-confirm-kpi"));
        Assert.Contains("name=\"Confirmed\" value=\"true\"", html, StringComparison.Ordinal);
        Assert.Null(ResourceText.Tag(html, "end-reason"));
        await AssertUnchangedAsync(assignment, company);
    }

    [Fact]
    public async Task Assign_StartTooFarInThePast_IsRefusedNextToTheField()
    {
        var office = await SpaceAsync("tanger", "H-101", SpaceKind.Office, 2);
        var company = (await CompaniesAsync("tanger", 1, "Rétro"))[0];
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await Personas.PostFormAsync(client, "/manage/tanger/assign", new()
        {
            ["Input.SpaceId"] = Id(office),
            ["Input.CompanyId"] = Id(company),
            ["Input.Start"] = Day(Today.AddDays(-400)),
        });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches("id=\"Input_Start-error\"[^>]*>Cette date est trop ancienne", html);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Assignments.AnyAsync(a => a.SpaceId == office));
    }

    [Fact]
    public async Task Assign_CompanyFromTheWaitingList_TakesItOffTheList()
    {
        var office = await SpaceAsync("tanger", "W-101", SpaceKind.Office, 2);
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using (var added = await Personas.PostFormAsync(client, "/manage/tanger/waiting-list?handler=Add", new()
        {
            ["Input.CompanyId"] = "0",
            ["Input.NewCompanyName"] = "Argan Biotech",
            ["Input.Form"] = "Startup",
            ["Input.Sector"] = "digital",
            ["Input.WantedKind"] = "Office",
            ["Input.WantedSeats"] = "2",
            ["Input.Priority"] = "1",
        }, formPage: "/manage/tanger/waiting-list"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        int companyId;
        await using (var db = app.Database.CreateContext())
        {
            companyId = await db.Companies.Where(c => c.LegalName == "Argan Biotech").Select(c => c.Id).SingleAsync();
        }

        Assert.Contains("Argan Biotech", await client.GetStringAsync("/manage/tanger"), StringComparison.Ordinal); // first candidate
        using var assigned = await Personas.PostFormAsync(client, "/manage/tanger/assign", new()
        {
            ["Input.SpaceId"] = Id(office),
            ["Input.CompanyId"] = Id(companyId),
            ["Input.Start"] = Day(Today.AddDays(3)),
        });

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        await using var check = app.Database.CreateContext();
        var entry = await check.WaitingList.SingleAsync(w => w.CompanyId == companyId);
        Assert.Equal(WaitingListRemoval.Assigned, entry.RemovalReason);
        var list = await client.GetStringAsync("/manage/tanger/waiting-list");
        var table = list[list.IndexOf("id=\"waiting-list\"", StringComparison.Ordinal)..list.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.DoesNotContain("Argan Biotech", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitingList_ReorderThenRemoveWithAReason_KeepsTheHistory()
    {
        var companies = await CompaniesAsync("tanger", 2, "Attente");
        int first, second;
        await using (var db = app.Database.CreateContext())
        {
            var a = await db.Companies.SingleAsync(c => c.Id == companies[0]);
            var b = await db.Companies.SingleAsync(c => c.Id == companies[1]);
            var ea = WaitingListEntry.Create(a, SpaceKind.Office, 2, Today.AddDays(-30));
            var eb = WaitingListEntry.Create(b, SpaceKind.Office, 2, Today.AddDays(-5));
            db.WaitingList.AddRange(ea, eb);
            await db.SaveChangesAsync();
            (first, second) = (ea.Id, eb.Id);
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using (await Personas.PostFormAsync(client, $"/manage/tanger/waiting-list?handler=Priority&id={second}", new() { ["priority"] = "1" }, formPage: "/manage/tanger/waiting-list"))
        {
        }

        var html = await client.GetStringAsync("/manage/tanger/waiting-list");
        Assert.True(html.IndexOf("Attente 2", StringComparison.Ordinal) < html.IndexOf("Attente 1", StringComparison.Ordinal), "priority 1 comes first");

        using (await Personas.PostFormAsync(client, $"/manage/tanger/waiting-list?handler=Remove&id={first}", new() { ["reason"] = "Withdrawn" }, formPage: "/manage/tanger/waiting-list"))
        {
        }

        await using var check = app.Database.CreateContext();
        Assert.Equal(WaitingListRemoval.Withdrawn, (await check.WaitingList.SingleAsync(w => w.Id == first)).RemovalReason);
        Assert.True(await check.AuditLog.AnyAsync(a => a.Action == "waiting.remove" && a.EntityId == Id(first)));
    }

    [Fact]
    public async Task TangerManager_OujdaIdsInFormsAndUrls_AreRefusedAndNothingChanges()
    {
        var oujdaOffice = await SpaceAsync("oujda", "X-101", SpaceKind.Office, 2);
        var oujdaCompany = (await CompaniesAsync("oujda", 1, "Oujda IDOR"))[0];
        var oujdaAssignment = await AssignmentAsync(oujdaOffice, oujdaCompany, Today, null);
        var tangerCompany = (await CompaniesAsync("tanger", 1, "Tanger IDOR"))[0];
        int oujdaEntry;
        await using (var db = app.Database.CreateContext())
        {
            var entry = WaitingListEntry.Create(await db.Companies.SingleAsync(c => c.Id == oujdaCompany), SpaceKind.Office, 1, Today);
            db.WaitingList.Add(entry);
            await db.SaveChangesAsync();
            oujdaEntry = entry.Id;
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using var assign = await Personas.PostFormAsync(client, "/manage/tanger/assign", new()
        {
            ["Input.SpaceId"] = Id(oujdaOffice),
            ["Input.CompanyId"] = Id(tangerCompany),
            ["Input.Start"] = Day(Today.AddDays(400)),
        });
        using var assignmentPage = await client.GetAsync($"/manage/tanger/assignments/{oujdaAssignment}");
        using var end = await Personas.PostFormAsync(client, $"/manage/tanger/assignments/{oujdaAssignment}?handler=End", new() { ["Version"] = "0", ["LastDay"] = Day(Today.AddDays(1)) }, formPage: "/manage/tanger/assign");
        using var reorder = await Personas.PostFormAsync(client, $"/manage/tanger/waiting-list?handler=Priority&id={oujdaEntry}", new() { ["priority"] = "1" }, formPage: "/manage/tanger/waiting-list");
        using var companyPage = await client.GetAsync($"/manage/tanger/companies/{oujdaCompany}");
        using var history = await client.GetAsync($"/manage/tanger/spaces/{oujdaOffice}/history");

        Assert.Contains(ResourceText.Of(app.Factory, "Assignment.SpaceNotFound"), WebUtility.HtmlDecode(await assign.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, assignmentPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, end.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reorder.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, companyPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        await using var db2 = app.Database.CreateContext();
        Assert.Equal(1, await db2.Assignments.CountAsync(a => a.SpaceId == oujdaOffice));
        Assert.Null((await db2.Assignments.SingleAsync(a => a.Id == oujdaAssignment)).Period.End);
        Assert.Equal(WaitingListEntry.DefaultPriority, (await db2.WaitingList.SingleAsync(w => w.Id == oujdaEntry)).Priority);
    }

    [Fact]
    public async Task History_OfSpaceAndCompany_ShowsEveryAssignmentAndTheChanges()
    {
        var from = await SpaceAsync("tanger", "Y-101", SpaceKind.Office, 2);
        var to = await SpaceAsync("tanger", "Y-102", SpaceKind.Office, 2);
        var company = (await CompaniesAsync("tanger", 1, "Historique"))[0];
        var assignment = await AssignmentAsync(from, company, Today, null);
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using (await PostAssignmentAsync(client, assignment, "Transfer", new() { ["ToSpaceId"] = Id(to), ["FirstDay"] = Day(Today.AddDays(20)) }))
        {
        }

        var companyPage = WebUtility.HtmlDecode(await client.GetStringAsync($"/manage/tanger/companies/{company}"));
        var spacePage = WebUtility.HtmlDecode(await client.GetStringAsync($"/manage/tanger/spaces/{from}/history"));

        Assert.Contains("Y-101", companyPage, StringComparison.Ordinal);
        Assert.Contains("Y-102", companyPage, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "AssignmentEnd.Transferred"), companyPage, StringComparison.Ordinal);
        Assert.Contains("transfert", spacePage, StringComparison.Ordinal);
        Assert.Contains(Personas.Email(Persona.ManagerTanger), spacePage, StringComparison.Ordinal);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task AssertUnchangedAsync(int assignment, int company)
    {
        await using var db = app.Database.CreateContext();
        var unchanged = await db.Assignments.SingleAsync(a => a.Id == assignment);
        Assert.Null(unchanged.Period.End);
        Assert.Null(unchanged.EndReason);
        Assert.Null((await db.Companies.SingleAsync(c => c.Id == company)).ExitReason);
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "assignment.end" && a.EntityId == Id(assignment)));
    }

    private static string Token(string html) => Personas.Token(html);

    private static async Task<string> TokenAsync(HttpClient client, string url) => Token(await client.GetStringAsync(url));

    private static FormUrlEncodedContent Form(string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return new FormUrlEncodedContent(fields);
    }

    private static async Task<HttpResponseMessage> PostAssignmentAsync(HttpClient client, int assignment, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync($"/manage/tanger/assignments/{assignment}");
        fields["Version"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        return await client.PostAsync($"/manage/tanger/assignments/{assignment}?handler={handler}", Form(Token(page), fields));
    }

    private async Task<int> SpaceAsync(string slug, string code, SpaceKind kind, int seats)
    {
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == slug);
        var space = Space.Create(site.Id, code, kind, 1, 20m, seats, 2000m);
        db.Spaces.Add(space);
        await db.SaveChangesAsync();
        return space.Id;
    }

    private async Task<List<int>> CompaniesAsync(string slug, int count, string prefix)
    {
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == slug);
        var companies = Enumerable.Range(1, count).Select(i => Company.Create(site.Id, $"{prefix} {i}", CompanyForm.Startup, Sectors.Digital)).ToList();
        db.Companies.AddRange(companies);
        await db.SaveChangesAsync();
        return [.. companies.Select(c => c.Id)];
    }

    private async Task<int> AssignmentAsync(int spaceId, int companyId, DateOnly start, DateOnly? end)
    {
        await using var db = app.Database.CreateContext();
        var space = await db.Spaces.SingleAsync(s => s.Id == spaceId);
        var company = await db.Companies.SingleAsync(c => c.Id == companyId);
        var assignment = Assignment.Create(space, company, new DateRange(start, end));
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync();
        return assignment.Id;
    }
}
