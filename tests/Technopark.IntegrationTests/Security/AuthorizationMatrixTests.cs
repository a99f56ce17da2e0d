using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Applications;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;
using Technopark.IntegrationTests.Applications;
using static Technopark.TestSupport.Persona;

namespace Technopark.IntegrationTests.Security;

/// <summary>
/// Every endpoint the app maps, for every persona: the answer they must get to a GET. The list of
/// endpoints comes from the app itself, so a new endpoint without a row here fails the test.
/// 302 = sent to the sign-in page; 403 = the friendly "access denied" page or JSON problem.
/// </summary>
public class AuthorizationMatrixTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const int Ok = 200, SignIn = 302, Unauthorized = 401, Forbidden = 403, NotFound = 404, Redirect = 302;

    // Columns: Anonymous, Applicant, ReviewerTanger, ManagerTanger, ManagerOujda, NetworkAdmin,
    //          CompanyOwner, CompanyMember (both of the resident company), OtherCompanyOwner, Alumnus,
    //          CoachTanger (coach of the resident company only: no team role on the site; see Persona).
    private static readonly int[] Public = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok];
    private static readonly int[] SignedIn = [SignIn, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok];
    private static readonly int[] TangerStaff = [SignIn, Forbidden, Ok, Ok, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden];
    private static readonly int[] TangerManagers = [SignIn, Forbidden, Forbidden, Ok, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden];
    private static readonly int[] NotOwner = [SignIn, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound];
    private static readonly int[] HqOnly = [SignIn, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden];

    /// <summary>
    /// The resident company's pages (<c>{resident}</c> in a URL is its id): its members, its site's staff (Tanger) and HQ read
    /// them; a member of another company, an alumnus of another company, other sites' staff and applicants are refused.
    /// </summary>
    private static readonly int[] ResidentCompany = [SignIn, Forbidden, Ok, Ok, Forbidden, Ok, Ok, Ok, Forbidden, Forbidden, Forbidden];

    /// <summary>
    /// Tanger's shared rooms (/sites/tanger/rooms…): its staff, HQ (reads) and the members of its resident companies (both persona
    /// companies are Tanger residents); other sites' staff, applicants and alumni are refused.
    /// </summary>
    private static readonly int[] TangerRooms = [SignIn, Forbidden, Ok, Ok, Forbidden, Ok, Ok, Ok, Ok, Forbidden, Forbidden];

    /// <summary>
    /// The resident company's coaching pages (/company/{resident}/coaching…): those who read the company, and its coach
    /// (<see cref="CoachTanger"/>), who sees nothing else of it.
    /// </summary>
    private static readonly int[] ResidentCoaching = [SignIn, Forbidden, Ok, Ok, Forbidden, Ok, Ok, Ok, Forbidden, Forbidden, Ok];

    /// <summary>Route pattern → (URL to request, answers in the column order above).</summary>
    private static readonly Dictionary<string, (string Url, int[] Expected)> Matrix = new()
    {
        [""] = ("/", Public),
        ["Index"] = ("/Index", Public),
        ["sites/{slug}"] = ("/sites/tanger", Public),
        // Company profile and logo, public directory of residents, alumni lists (the resident persona company is not listed and has no logo).
        ["sites/{slug}/residents"] = ("/sites/tanger/residents", Public),
        // Network administration (issue 17): rows after this line. /hq/sites, /hq/people, /hq/audit…: HqOnly; /manage/{slug}/audit…: TangerManagers.
        // Sites (part A): HQ only; a site's photo is public (Tanger has none here: 404 for everyone).
        ["hq/sites"] = ("/hq/sites", HqOnly),
        ["hq/sites/new"] = ("/hq/sites/new", HqOnly),
        ["hq/sites/{slug}"] = ("/hq/sites/tanger", HqOnly),
        ["sites/{slug}/photo"] = ("/sites/tanger/photo", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        // People (part B): the accounts and one account's page (an unknown id: 404 once let in).
        ["hq/people"] = ("/hq/people?q=test", HqOnly),
        ["hq/people/{id}"] = ("/hq/people/no-such-account", [SignIn, Forbidden, Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Audit trail (issue 17, part C): HQ's trail, its CSV and an entry (999999: none, 404 for HQ); a site's trail for its managers (HQ reads).
        ["hq/audit"] = ("/hq/audit?from=2027-01-01&to=2027-04-30&kind=SiteStaff", HqOnly),
        ["hq/audit.csv"] = ("/hq/audit.csv?from=2027-01-01&to=2027-04-30", HqOnly),
        ["hq/audit/{id:long}"] = ("/hq/audit/999999", [SignIn, Forbidden, Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["manage/{slug}/audit"] = ("/manage/tanger/audit", TangerManagers),
        ["manage/{slug}/audit.csv"] = ("/manage/tanger/audit.csv", TangerManagers),
        ["manage/{slug}/audit/{id:long}"] = ("/manage/tanger/audit/999999", [SignIn, Forbidden, Forbidden, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Programmes, coaching, events, passes (issue 16): rows after this line. Coaching pages of the resident company: ResidentCoaching.
        // Digital nomads' coworking passes (engineer E): the site's team and HQ read, managers post.
        ["manage/{slug}/passes"] = ("/manage/tanger/passes", TangerStaff),
        // Coaching (issue 16, engineer B): the company's coaching page and an attachment (999999: none, 404 once let in); the coach's home, any signed-in person.
        ["company/{id:int}/coaching"] = ("/company/{resident}/coaching", ResidentCoaching),
        ["company/{id:int}/coaching/attachments/{attachmentId:int}"] = ("/company/{resident}/coaching/attachments/999999", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, NotFound, NotFound, Forbidden, Forbidden, NotFound]),
        ["coach"] = ("/coach", SignedIn),
        // Events for staff and HQ's events figures (engineer C): the site's team reads, managers create and cancel; an event the site does not have is a 404.
        ["manage/{slug}/events"] = ("/manage/tanger/events", TangerStaff),
        ["manage/{slug}/events/new"] = ("/manage/tanger/events/new", TangerStaff),
        ["manage/{slug}/events/{id:int}"] = ("/manage/tanger/events/999999", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["hq/events"] = ("/hq/events?from=2027-01&to=2027-04", HqOnly),
        ["hq/events.csv"] = ("/hq/events.csv?from=2027-01&to=2027-04", HqOnly),
        // Public events and registration, staff registrations and check-in (engineer D; confirm/cancel without a token: 200 with a message; 999999: no event, 404 once let in).
        ["events"] = ("/events", Public),
        ["sites/{slug}/events"] = ("/sites/tanger/events", Public),
        ["events/{id:int}"] = ("/events/999999", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["events/confirm"] = ("/events/confirm", Public),
        ["events/cancel"] = ("/events/cancel", Public),
        ["manage/{slug}/events/{id:int}/registrations"] = ("/manage/tanger/events/999999/registrations", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["manage/{slug}/events/{id:int}/checkin"] = ("/manage/tanger/events/999999/checkin", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Programmes and their figures (engineer A): Tanger's team reads (a coach is not team), HQ reads; a programme the site does not have is a 404.
        ["manage/{slug}/programmes"] = ("/manage/tanger/programmes", TangerStaff),
        ["manage/{slug}/programmes/{id:int}"] = ("/manage/tanger/programmes/999999", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["manage/{slug}/programmes/figures"] = ("/manage/tanger/programmes/figures", TangerStaff),
        ["hq/programmes"] = ("/hq/programmes", HqOnly),
        // Billing (issue 15): rows after this line. /manage/{slug}/billing…: TangerManagers; /company/{id}/invoices…: ResidentCompany; /hq/billing…: HqOnly.
        // Monthly run, invoices list and one invoice (engineer A): Tanger's managers, HQ reads; an invoice the site does not have is a 404.
        ["manage/{slug}/billing"] = ("/manage/tanger/billing", TangerManagers),
        ["manage/{slug}/billing/invoices"] = ("/manage/tanger/billing/invoices", TangerManagers),
        ["manage/{slug}/billing/invoices/{id:long}"] = ("/manage/tanger/billing/invoices/999999", [SignIn, Forbidden, Forbidden, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Invoice and credit-note PDFs, the company's invoices page (engineer B; 999999: no such document, 404 once let in).
        ["manage/{slug}/billing/invoices/{id:long}/pdf"] = ("/manage/tanger/billing/invoices/999999/pdf", [SignIn, Forbidden, Forbidden, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["manage/{slug}/billing/credit-notes/{id:long}/pdf"] = ("/manage/tanger/billing/credit-notes/999999/pdf", [SignIn, Forbidden, Forbidden, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["company/{id:int}/invoices"] = ("/company/{resident}/invoices", ResidentCompany),
        ["company/{id:int}/invoices/{invoiceId:long}/pdf"] = ("/company/{resident}/invoices/999999/pdf", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, NotFound, NotFound, Forbidden, Forbidden, Forbidden]),
        ["company/{id:int}/credit-notes/{noteId:long}/pdf"] = ("/company/{resident}/credit-notes/999999/pdf", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, NotFound, NotFound, Forbidden, Forbidden, Forbidden]),
        // Billing figures and exports (issue 15, part D): the site's summary (its managers, HQ reads), HQ's page and CSV exports.
        ["manage/{slug}/billing/summary"] = ("/manage/tanger/billing/summary?on=2027-04-12", TangerManagers),
        ["hq/billing"] = ("/hq/billing?on=2027-04-12", HqOnly),
        ["hq/billing/invoices.csv"] = ("/hq/billing/invoices.csv?from=2027-04-01&to=2027-04-30", HqOnly),
        ["hq/billing/lines.csv"] = ("/hq/billing/lines.csv?from=2027-04-01&to=2027-04-30", HqOnly),
        ["hq/billing/payments.csv"] = ("/hq/billing/payments.csv?from=2027-04-01&to=2027-04-30", HqOnly),
        // Billing C: payments, company accounts (a resident of Tanger), aged receivables and reminders (the CSV is the aging page's Export handler).
        ["manage/{slug}/billing/payments"] = ("/manage/tanger/billing/payments", TangerManagers),
        ["manage/{slug}/billing/payments/new"] = ("/manage/tanger/billing/payments/new", TangerManagers),
        ["manage/{slug}/billing/companies/{companyId:int}"] = ("/manage/tanger/billing/companies/{resident}", TangerManagers),
        ["manage/{slug}/billing/aging"] = ("/manage/tanger/billing/aging", TangerManagers),
        // Shared rooms (issue 14): rows after this line.
        // Booking form and free-slot finder (issue 14).
        ["sites/{slug}/rooms/book"] = ("/sites/tanger/rooms/book", TangerRooms),
        ["sites/{slug}/rooms/find"] = ("/sites/tanger/rooms/find", TangerRooms),
        // Room calendars: the feed URLs page, the anonymous feeds (a wrong token is a 404 for everyone), the mailbox's attachments (HQ).
        ["sites/{slug}/rooms/calendars"] = ("/sites/tanger/rooms/calendars", TangerRooms),
        ["sites/{slug}/rooms/{spaceId:int}/feed/{token}.ics"] = ("/sites/tanger/rooms/999999/feed/not-a-real-token-0123456789abcdef.ics", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["company/{id:int}/feed/{token}.ics"] = ("/company/{resident}/feed/not-a-real-token-0123456789abcdef.ics", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["hq/mailbox/{id:long}/attachment"] = ("/hq/mailbox/999999/attachment", [SignIn, Forbidden, Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Room usage of the site (engineer D): site staff (reviewers too) and HQ read it; residents book from /sites/{slug}/rooms instead.
        ["manage/{slug}/rooms"] = ("/manage/tanger/rooms?month=2027-01", TangerStaff),
        // Rooms day view, one room's week (999999: no room, 404 once let in), my bookings (issue 14, engineer A).
        ["sites/{slug}/rooms"] = ("/sites/tanger/rooms", TangerRooms),
        ["sites/{slug}/rooms/{spaceId:int}"] = ("/sites/tanger/rooms/999999", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, NotFound, NotFound, NotFound, Forbidden, Forbidden]),
        ["sites/{slug}/rooms/mine"] = ("/sites/tanger/rooms/mine", TangerRooms),
        ["sites/{slug}/residents/{companyId:int}/logo"] = ("/sites/tanger/residents/{resident}/logo", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["company/{id:int}/profile"] = ("/company/{resident}/profile", ResidentCompany),
        ["company/{id:int}/logo"] = ("/company/{resident}/logo", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, NotFound, NotFound, Forbidden, Forbidden, Forbidden]),
        ["manage/{slug}/alumni"] = ("/manage/tanger/alumni", TangerStaff),
        ["hq/alumni"] = ("/hq/alumni", HqOnly),
        ["Sites/Detail"] = ("/Sites/Detail", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["Error"] = ("/Error", Public),
        ["Status"] = ("/Status", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["status/{code:int}"] = ("/status/404", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["language"] = ("/language", [Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect]),
        ["api/v1/sites"] = ("/api/v1/sites", Public),
        ["api/v1/occupancy"] = ("/api/v1/occupancy?on=2026-11-26", [Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["health/live"] = ("/health/live", Public),
        ["health/ready"] = ("/health/ready", Public),
        // Answered by client address (loopback, Metrics:AllowedNetworks), not by persona: see MetricsTests.
        ["metrics"] = ("/metrics", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["Identity/Account/Login"] = ("/Identity/Account/Login", Public),
        ["Identity/Account/Logout"] = ("/Identity/Account/Logout", SignedIn),
        ["Identity/Account/Register"] = ("/Identity/Account/Register", Public),
        ["Identity/Account/RegisterConfirmation"] = ("/Identity/Account/RegisterConfirmation", Public),
        ["Identity/Account/ConfirmEmail"] = ("/Identity/Account/ConfirmEmail", Public),
        ["Identity/Account/ResendEmailConfirmation"] = ("/Identity/Account/ResendEmailConfirmation", Public),
        ["Identity/Account/ForgotPassword"] = ("/Identity/Account/ForgotPassword", Public),
        ["Identity/Account/ResetPassword"] = ("/Identity/Account/ResetPassword", Public),
        ["Identity/Account/ResetPasswordConfirmation"] = ("/Identity/Account/ResetPasswordConfirmation", Public),
        // Without a password sign-in waiting for its second step, these send back to the sign-in page.
        ["Identity/Account/LoginWith2fa"] = ("/Identity/Account/LoginWith2fa", [Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect]),
        ["Identity/Account/LoginWithRecoveryCode"] = ("/Identity/Account/LoginWithRecoveryCode", [Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect]),
        ["Identity/Account/Manage"] = ("/Identity/Account/Manage", SignedIn),
        ["Identity/Account/Manage/Index"] = ("/Identity/Account/Manage/Index", SignedIn),
        ["Identity/Account/Manage/ChangePassword"] = ("/Identity/Account/Manage/ChangePassword", SignedIn),
        ["Identity/Account/Manage/TwoFactorAuthentication"] = ("/Identity/Account/Manage/TwoFactorAuthentication", SignedIn),
        ["Identity/Account/Manage/EnableAuthenticator"] = ("/Identity/Account/Manage/EnableAuthenticator", SignedIn),
        ["Identity/Account/Manage/Disable2fa"] = ("/Identity/Account/Manage/Disable2fa", SignedIn),
        ["manage/{slug}"] = ("/manage/tanger", TangerStaff),
        ["manage/{slug}/board"] = ("/manage/tanger/board?on=2027-01-15", TangerManagers),
        ["manage/{slug}/assign"] = ("/manage/tanger/assign", TangerManagers),
        ["manage/{slug}/assignments/{id:int}"] = ("/manage/tanger/assignments/999999", [SignIn, Forbidden, Forbidden, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["manage/{slug}/waiting-list"] = ("/manage/tanger/waiting-list", TangerManagers),
        ["manage/{slug}/companies/{id:int}"] = ("/manage/tanger/companies/999999", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Documents from the site and the thread with its team (a company's readers; no document 999999 in the resident company).
        ["company/{id:int}/documents"] = ("/company/{resident}/documents", ResidentCompany),
        ["company/{id:int}/documents/{documentId:int}"] = ("/company/{resident}/documents/999999", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, NotFound, NotFound, Forbidden, Forbidden, Forbidden]),
        ["company/{id:int}/messages"] = ("/company/{resident}/messages", ResidentCompany),
        ["manage/{slug}/spaces/{id:int}/history"] = ("/manage/tanger/spaces/999999/history", [SignIn, Forbidden, Forbidden, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["manage/{slug}/spaces"] = ("/manage/tanger/spaces", TangerManagers),
        ["manage/{slug}/spaces/edit/{id:int?}"] = ("/manage/tanger/spaces/edit", TangerManagers),
        ["manage/{slug}/spaces/import"] = ("/manage/tanger/spaces/import", TangerManagers),
        ["apply"] = ("/apply", SignedIn),
        ["apply/{id:int}/{step:regex(^(project|team|market)$)}"] = ("/apply/999999/project", NotOwner),
        ["apply/{id:int}/documents"] = ("/apply/999999/documents", NotOwner),
        ["apply/{id:int}/submit"] = ("/apply/999999/submit", NotOwner),
        ["applications"] = ("/applications", SignedIn),
        ["applications/{id:int}"] = ("/applications/999999", NotOwner),
        ["applications/{id:int}/documents/{documentId:int}"] = ("/applications/999999/documents/1", NotOwner),
        // Company members: my companies, the company's page and its team, the invitation link (an unknown token is a 404).
        ["company"] = ("/company", SignedIn),
        ["company/{id:int}"] = ("/company/{resident}", ResidentCompany),
        ["company/{id:int}/team"] = ("/company/{resident}/team", ResidentCompany),
        ["company/join/{token}"] = ("/company/join/not-a-real-token", [SignIn, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["manage/{slug}/applications"] = ("/manage/tanger/applications", TangerStaff),
        ["manage/{slug}/applications/{id:int}"] = ("/manage/tanger/applications/999999", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Reporting: the company's declarations (its members declare; staff and HQ read), the site's follow-up and one declaration.
        ["company/{id:int}/reporting"] = ("/company/{resident}/reporting", ResidentCompany),
        ["manage/{slug}/reporting"] = ("/manage/tanger/reporting", TangerStaff),
        ["manage/{slug}/reporting/{declarationId:int}"] = ("/manage/tanger/reporting/999999", [SignIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ["hq"] = ("/hq", HqOnly),
        ["hq/staff"] = ("/hq/staff", HqOnly),
        ["hq/mailbox"] = ("/hq/mailbox", HqOnly),
        ["hq/trend"] = ("/hq/trend?on=2026-11-26", HqOnly),
        ["hq/kpis"] = ("/hq/kpis?on=2026-11-26", HqOnly),
        ["hq/kpis/{kpi}"] = ("/hq/kpis/success?on=2026-11-26", HqOnly),
        ["hq/export/occupancy.csv"] = ("/hq/export/occupancy.csv?on=2026-11-26", HqOnly),
        ["hq/export/kpis.csv"] = ("/hq/export/kpis.csv?on=2026-11-26", HqOnly),
        ["openapi/{documentName}.json"] = ("/openapi/v1.json", Public),
    };

    [Fact]
    public void Matrix_CoversEveryMappedEndpoint()
    {
        var mapped = MappedPatterns();

        var missing = mapped.Except(Matrix.Keys).ToList();
        var stale = Matrix.Keys.Except(mapped).ToList();

        Assert.True(missing.Count == 0, "Endpoints without a row in the authorization matrix: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows for endpoints the app no longer maps: " + string.Join(", ", stale));
    }

    [Theory]
    [InlineData(Anonymous)]
    [InlineData(Applicant)]
    [InlineData(ReviewerTanger)]
    [InlineData(ManagerTanger)]
    [InlineData(ManagerOujda)]
    [InlineData(NetworkAdmin)]
    [InlineData(CompanyOwner)]
    [InlineData(CompanyMember)]
    [InlineData(OtherCompanyOwner)]
    [InlineData(Alumnus)]
    [InlineData(CoachTanger)]
    public async Task Get_EveryEndpoint_AnswersAsTheMatrixSays(Persona persona)
    {
        using var client = await Personas.ClientAsync(app.Factory, persona);
        var wrong = new List<string>();

        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (pattern, (template, expected)) in Matrix)
        {
            var url = template.Replace("{resident}", resident, StringComparison.Ordinal);
            using var response = await client.GetAsync(url);
            var want = expected[(int)persona];
            var got = (int)response.StatusCode;
            if (got != want)
            {
                wrong.Add($"{url} ({pattern}): {got}, expected {want}");
            }
            else if (want == SignIn && persona == Anonymous && Matrix[pattern].Expected.Distinct().Count() > 1)
            {
                Assert.StartsWith("/Identity/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
            }
        }

        Assert.True(wrong.Count == 0, $"{persona}:\n" + string.Join("\n", wrong));
    }

    /// <summary>Methods no endpoint answers (PUT, DELETE, TRACE) get 405 everywhere, never a page run without its handler (a 500).</summary>
    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("TRACE")]
    public async Task UnknownMethod_EveryEndpoint_Answers405(string method)
    {
        using var client = await Personas.ClientAsync(app.Factory, NetworkAdmin);
        var wrong = new List<string>();

        // Health checks answer any method (load balancers probe with HEAD or GET; nothing changes). /metrics does not exist
        // for a client that is not on its allowed networks (a test client has no address): 404 to any method, as to GET.
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (pattern, (template, _)) in Matrix.Where(row => !row.Key.StartsWith("health/", StringComparison.Ordinal) && row.Key != "metrics"))
        {
            var url = template.Replace("{resident}", resident, StringComparison.Ordinal);
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            if (response.StatusCode != HttpStatusCode.MethodNotAllowed)
            {
                wrong.Add($"{method} {url} ({pattern}): {(int)response.StatusCode}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// An application that exists at Tanger, submitted by someone else: its site's managers and HQ (read-only,
    /// as the inbox lists it) read it; a reviewer not assigned to it does not know it; other sites' staff and
    /// applicants are refused.
    /// </summary>
    [Theory]
    [InlineData(Anonymous, SignIn)]
    [InlineData(Applicant, Forbidden)]
    [InlineData(ReviewerTanger, NotFound)]
    [InlineData(ManagerTanger, Ok)]
    [InlineData(ManagerOujda, Forbidden)]
    [InlineData(NetworkAdmin, Ok)]
    public async Task Get_ExistingApplicationOfTheSite_AnswersAsTheMatrixSays(Persona persona, int expected)
    {
        var id = await SubmittedApplicationAsync();
        using var client = await Personas.ClientAsync(app.Factory, persona);

        using var response = await client.GetAsync($"/manage/tanger/applications/{id}");

        Assert.Equal(expected, (int)response.StatusCode);
    }

    private async Task<int> SubmittedApplicationAsync()
    {
        var owner = $"candidat-{Guid.NewGuid():N}@test.technopark.ma";
        string ownerId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = owner, Email = owner, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Personas.Password)).Succeeded);
            ownerId = user.Id;
        }

        await using var db = app.Database.CreateContext();
        return await TestApplications.SubmittedAsync(db, ownerId, "tanger", app.Factory.Clock.GetUtcNow(), "Projet matrice");
    }

    private List<string> MappedPatterns() =>
        [.. app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.TrimStart('/') ?? string.Empty)
            .Distinct()];
}
