using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Common;
using Technopark.Domain.Programmes;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Identity;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using static Technopark.TestSupport.Persona;

namespace Technopark.IntegrationTests.Programmes;

/// <summary>
/// The company's coaching page (/company/{id}/coaching) and the coach's home (/coach): the coach logs sessions that the members
/// read, records milestones once, answers requests with slots a member takes (emails to the right people), attachments are
/// checked by content and downloaded within the company only; the coach's scope follows the current enrolment.
/// </summary>
public class CoachingPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = new(2027, 3, 1);

    /// <summary>A one-page PDF, as the checks read it (magic bytes).</summary>
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Log_ByTheCoach_MembersReadTheSessionAndDownloadItsAttachment()
    {
        app.Factory.Clock.SetToday(Today);
        var companies = await Personas.CompaniesAsync(app.Factory);
        using var coach = await Personas.ClientAsync(app.Factory, CoachTanger);
        var topics = $"B pricing {Guid.NewGuid():N}";

        using (var logged = await LogAsync(coach, companies.Resident, topics, ("plan.pdf", Pdf)))
        {
            Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
            Assert.Equal($"/company/{companies.Resident}/coaching", logged.Headers.Location?.OriginalString);
        }

        await using var db = app.Database.CreateContext();
        var session = await db.CoachingSessions.SingleAsync(s => s.Topics == topics);
        var attachment = await db.CoachingAttachments.SingleAsync(a => a.SessionId == session.Id);
        using var member = await Personas.ClientAsync(app.Factory, CompanyMember);
        var page = await member.GetStringAsync($"/company/{companies.Resident}/coaching");
        Assert.Contains($"data-session=\"{session.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains(topics, page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"log-session\"", page, StringComparison.Ordinal); // members do not log
        Assert.Contains("id=\"ask-session\"", page, StringComparison.Ordinal);

        var url = $"/company/{companies.Resident}/coaching/attachments/{attachment.Id}";
        using (var download = await member.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }

        using (var coachDownload = await coach.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, coachDownload.StatusCode);
        }

        // Scoped to the company: under another company (which the manager reads) the id is unknown; others are refused.
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);
        using (var elsewhere = await manager.GetAsync($"/company/{companies.Other}/coaching/attachments/{attachment.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        }

        using var other = await Personas.ClientAsync(app.Factory, OtherCompanyOwner);
        using (var refused = await other.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Log_ByAMember_Forbidden()
    {
        app.Factory.Clock.SetToday(Today);
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var member = await Personas.ClientAsync(app.Factory, CompanyMember);
        var topics = $"B member {Guid.NewGuid():N}";

        using var response = await LogAsync(member, resident, topics);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.CoachingSessions.AnyAsync(s => s.Topics == topics));
    }

    [Fact]
    public async Task Read_ByTheCoachOfAnotherCompany_Forbidden()
    {
        app.Factory.Clock.SetToday(Today);
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        var (coachId, email) = await CoachUserAsync("b-second-coach");
        int own;
        await using (var db = app.Database.CreateContext())
        {
            var programme = await TestProgrammes.ProgrammeAsync(db, "tanger", "B Accélération", "MVP");
            own = await TestBilling.CompanyAsync(db, "tanger", "Atlas B Second SARL");
            await TestProgrammes.EnrolAsync(db, programme, own, coachId, Today.AddDays(-30));
        }

        using var coach = await SignInAsync(email);

        using (var other = await coach.GetAsync($"/company/{resident}/coaching"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }

        using (var mine = await coach.GetAsync($"/company/{own}/coaching"))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        }

        // The coach's home lists the company coached, not quiet yet (30 days), and the coach sees only the coaching tab of it.
        var home = await coach.GetStringAsync("/coach");
        Assert.Contains($"data-coached=\"{own}\" data-quiet=\"false\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-coached=\"{resident}\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-coach\"", home, StringComparison.Ordinal);
        var tabs = Regex.Matches(await coach.GetStringAsync($"/company/{own}/coaching"), "data-tab=\"([A-Za-z]+)\"").Select(m => m.Groups[1].Value);
        Assert.Equal(["Coaching"], tabs);
        using (var overview = await coach.GetAsync($"/company/{own}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, overview.StatusCode);
        }
    }

    [Fact]
    public async Task Access_EnrolmentEndedOrCoachChanged_CoachLosesIt()
    {
        app.Factory.Clock.SetToday(Today);
        var (firstId, firstEmail) = await CoachUserAsync("b-ending-coach");
        var (secondId, secondEmail) = await CoachUserAsync("b-new-coach");
        int ending, changing;
        await using (var db = app.Database.CreateContext())
        {
            var programme = await TestProgrammes.ProgrammeAsync(db, "tanger", "B Incubation Fin", "MVP");
            ending = await TestBilling.CompanyAsync(db, "tanger", "Atlas B Fin SARL");
            changing = await TestBilling.CompanyAsync(db, "tanger", "Atlas B Relève SARL");
            await TestProgrammes.EnrolAsync(db, programme, ending, firstId, Today.AddDays(-100));
            await TestProgrammes.EnrolAsync(db, programme, changing, firstId, Today.AddDays(-100));
        }

        using var first = await SignInAsync(firstEmail);
        using var second = await SignInAsync(secondEmail);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, $"/company/{ending}/coaching"));
        Assert.Contains($"data-coached=\"{changing}\" data-quiet=\"true\"", await first.GetStringAsync("/coach"), StringComparison.Ordinal); // 100 days, no session

        await using (var db = app.Database.CreateContext())
        {
            (await db.Enrolments.SingleAsync(e => e.CompanyId == ending)).End(Today);
            (await db.Enrolments.SingleAsync(e => e.CompanyId == changing)).ChangeCoach(secondId, Today);
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(first, $"/company/{ending}/coaching"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(first, $"/company/{changing}/coaching"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, $"/company/{changing}/coaching"));
        var home = await first.GetStringAsync("/coach");
        Assert.Contains("id=\"coach-none\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"nav-coach\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reach_SameMilestoneTwice_MessageBesideItRecordedOnce()
    {
        app.Factory.Clock.SetToday(Today);
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);
        int company, milestone;
        await using (var db = app.Database.CreateContext())
        {
            var programme = await TestProgrammes.ProgrammeAsync(db, "tanger", "B Jalons", "Problème validé", "MVP");
            company = await TestBilling.CompanyAsync(db, "tanger", "Atlas B Jalons SARL");
            await TestProgrammes.EnrolAsync(db, programme, company, null, Today.AddDays(-60));
            milestone = await db.ProgrammeMilestones.Where(m => m.ProgrammeId == programme).OrderBy(m => m.Position).Select(m => m.Id).FirstAsync();
        }

        var url = $"/company/{company}/coaching";
        var fields = new Dictionary<string, string> { ["Reach.ReachedOn"] = Display(Today.AddDays(-3)), ["Reach.Evidence"] = "Entretiens clients" };
        using (var first = await Personas.PostFormAsync(manager, $"{url}?handler=Reach&milestoneId={milestone}", new(fields), url))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        Assert.Contains($"data-milestone=\"{milestone}\" data-reached=\"{Display(Today.AddDays(-3))}\"", await manager.GetStringAsync(url), StringComparison.Ordinal);

        // The page no longer offers the form; a second post (an old tab) is refused with the rule's message.
        using var again = await Personas.PostFormAsync(manager, $"{url}?handler=Reach&milestoneId={milestone}", new(fields), url);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Milestone.AlreadyReached"), WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var check = app.Database.CreateContext();
        Assert.Equal(1, await check.ReachedMilestones.CountAsync(r => r.CompanyId == company));
    }

    [Fact]
    public async Task Request_AskOfferChoose_ScheduledWithEmailsToTheCoachThenMembersThenTheCoach()
    {
        app.Factory.Clock.SetToday(Today);
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        await Personas.EnsureAsync(app.Factory, CompanyOwner);
        using var member = await Personas.ClientAsync(app.Factory, CompanyMember);
        using var coach = await Personas.ClientAsync(app.Factory, CoachTanger);
        var url = $"/company/{resident}/coaching";
        var message = $"B levée de fonds {Guid.NewGuid():N}";
        var coachEmail = Personas.Email(CoachTanger);
        var members = new[] { Personas.Email(CompanyMember), Personas.Email(CompanyOwner) };

        var before = await MailsAsync();
        using (var asked = await Personas.PostFormAsync(member, $"{url}?handler=Ask", new() { ["Ask.Message"] = message }, url))
        {
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        }

        var afterAsk = await MailsAsync();
        Assert.Equal(before.GetValueOrDefault(coachEmail) + 1, afterAsk.GetValueOrDefault(coachEmail));
        Assert.All(members, m => Assert.Equal(before.GetValueOrDefault(m), afterAsk.GetValueOrDefault(m)));
        int requestId;
        await using (var db = app.Database.CreateContext())
        {
            requestId = await db.SessionRequests.Where(r => r.Message == message).Select(r => r.Id).SingleAsync();
        }

        Assert.Contains($"data-request=\"{requestId}\" data-state=\"Open\"", await coach.GetStringAsync(url), StringComparison.Ordinal);
        var day = Today.AddDays(3);
        using (var offered = await Personas.PostFormAsync(coach, $"{url}?handler=Offer&requestId={requestId}", new()
        {
            ["Offer.Days[0]"] = Display(day), ["Offer.Times[0]"] = "10:00",
            ["Offer.Days[1]"] = Display(day), ["Offer.Times[1]"] = "15:30",
            ["Offer.Minutes"] = "60",
        }, url))
        {
            Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        }

        var afterOffer = await MailsAsync();
        Assert.All(members, m => Assert.Equal(afterAsk.GetValueOrDefault(m) + 1, afterOffer.GetValueOrDefault(m)));
        Assert.Equal(afterAsk.GetValueOrDefault(coachEmail), afterOffer.GetValueOrDefault(coachEmail));
        Assert.Contains($"data-request=\"{requestId}\" data-state=\"Offered\"", await member.GetStringAsync(url), StringComparison.Ordinal);

        var slot = SiteTime.Instant(day, 15 * 60 + 30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using (var chosen = await Personas.PostFormAsync(member, $"{url}?handler=Choose&requestId={requestId}", new() { ["slot"] = slot }, url))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }

        var afterChoice = await MailsAsync();
        Assert.Equal(afterOffer.GetValueOrDefault(coachEmail) + 1, afterChoice.GetValueOrDefault(coachEmail));
        Assert.All(members, m => Assert.Equal(afterOffer.GetValueOrDefault(m), afterChoice.GetValueOrDefault(m)));
        await using var check = app.Database.CreateContext();
        var request = await check.SessionRequests.SingleAsync(r => r.Id == requestId);
        Assert.Equal((SessionRequestState.Scheduled, (DateTimeOffset?)SiteTime.Instant(day, 15 * 60 + 30)), (request.State, request.ChosenStart));
        Assert.Contains($"data-request=\"{requestId}\" data-state=\"Scheduled\"", await coach.GetStringAsync(url), StringComparison.Ordinal);

        // A scheduled request cannot be withdrawn any more; another company's request id is unknown here.
        using (var asked = await Personas.PostFormAsync(member, $"{url}?handler=Withdraw&requestId={requestId}", new(), url))
        {
            Assert.Contains("id=\"confirm-request\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal); // first: a confirmation
        }

        using var late = await Personas.PostFormAsync(member, $"{url}?handler=Withdraw&requestId={requestId}", new() { ["Confirmed"] = "true" }, url);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Coaching.RequestNotOpen"), WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);
        var otherUrl = $"/company/{(await Personas.CompaniesAsync(app.Factory)).Other}/coaching";
        using var elsewhere = await Personas.PostFormAsync(manager, $"{otherUrl}?handler=Decline&requestId={requestId}", new() { ["Confirmed"] = "true" }, otherUrl);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Log_FakePdf_MessageBesideTheFilesNothingKept()
    {
        app.Factory.Clock.SetToday(Today);
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var coach = await Personas.ClientAsync(app.Factory, CoachTanger);
        var topics = $"B faux {Guid.NewGuid():N}";

        using var response = await LogAsync(coach, resident, topics, ("faux.pdf", "MZ this is a program, not a PDF"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Coaching.AttachmentType"), Forms.FieldError(await response.Content.ReadAsStringAsync(), "Log.Files"));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.CoachingSessions.AnyAsync(s => s.Topics == topics));
    }

    private static string Display(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }

    private async Task<Dictionary<string, int>> MailsAsync()
    {
        await using var db = app.Database.CreateContext();
        return (await db.Outbox.Select(m => m.To).ToListAsync()).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
    }

    private static async Task<HttpResponseMessage> LogAsync(HttpClient client, int companyId, string topics, params (string Name, byte[] Bytes)[] files)
    {
        var url = $"/company/{companyId}/coaching";
        var token = Personas.Token(await client.GetStringAsync(url));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(Display(Today.AddDays(-1))), "Log.HeldOn" },
            { new StringContent("90"), "Log.Minutes" },
            { new StringContent(topics), "Log.Topics" },
            { new StringContent("Relever les prix"), "Log.Decisions" },
        };
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "Files", name);
        }

        return await client.PostAsync($"{url}?handler=Log", form);
    }

    /// <summary>A person with the Coach role at Tanger (no company of their own); returns the id and the address to sign in with.</summary>
    private async Task<(string Id, string Email)> CoachUserAsync(string name)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{name}@test.technopark.ma";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Personas.Password)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<Technopark.Infrastructure.Data.TechnoparkDbContext>();
        db.SiteStaff.Add(SiteStaff.Create(user.Id, await TestBilling.SiteIdAsync(db, "tanger"), SiteRole.Coach));
        await db.SaveChangesAsync();
        return (user.Id, email);
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await Personas.PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Personas.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
