using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Pages.Events;
using static Technopark.TestSupport.Persona;

namespace Technopark.IntegrationTests.Events;

/// <summary>
/// Registration to events over HTTP and through <see cref="RegistrationService"/>: double opt-in through the outbox, the waiting
/// list, its promotion under concurrent cancellations, one registration per address, residents only, children's ages, check-in
/// with the QR code's link and who may open it. Rooms, events and addresses are engineer D's ("D-…", "…@d.test").
/// </summary>
public partial class RegistrationFlowTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = new(2027, 5, 3);

    [Fact]
    public async Task Register_ThenConfirmByPost_ConfirmedWithQrCodeEmail()
    {
        var id = await EventAsync("D-REG", capacity: 5);
        using var visitor = await Personas.ClientAsync(app.Factory, Anonymous);

        using var posted = await Register(visitor, id, "amal@d.test");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("registration-pending", await visitor.GetStringAsync(posted.Headers.Location!.ToString()), StringComparison.Ordinal);
        var token = await TokenAsync("amal@d.test", "/events/confirm");
        var page = await visitor.GetStringAsync($"/events/confirm?token={token}");
        Assert.Contains("id=\"confirm-registration\"", page, StringComparison.Ordinal);
        Assert.Equal(RegistrationState.Pending, await StateAsync(id, "amal@d.test")); // the GET (a link scanner) confirms nothing

        using var confirmed = await Personas.PostFormAsync(visitor, "/events/confirm", new() { ["Token"] = token }, $"/events/confirm?token={token}");

        Assert.Contains("data-registration-state=\"Confirmed\"", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(RegistrationState.Confirmed, await StateAsync(id, "amal@d.test"));
        await using var db = app.Database.CreateContext();
        var mail = await db.Outbox.AsNoTracking().Where(m => m.To == "amal@d.test" && m.AttachmentName != null).SingleAsync();
        Assert.Equal(RegistrationMail.QrAttachmentName, mail.AttachmentName);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], mail.AttachmentContent![..4]);
        Assert.Contains("/events/cancel?token=" + token, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersBySiteMonthAndAudience_PastAndOtherAudiencesLeftOut()
    {
        var kids = await EventAsync("D-LIST", capacity: 5, EventAudience.Children);
        var grown = await EventAsync("D-LIST2", capacity: 5);
        var month = Today.AddDays(10).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using var visitor = await Personas.ClientAsync(app.Factory, Anonymous);

        var all = await visitor.GetStringAsync("/events");
        var children = await visitor.GetStringAsync($"/events?site=tanger&month={month}&audience=Children");
        var otherSite = await visitor.GetStringAsync($"/events?site=oujda&audience=Children");
        var bad = await visitor.GetStringAsync("/events?month=2027-13&audience=Nobody");
        var site = await visitor.GetStringAsync("/sites/tanger/events");

        Assert.Contains($"data-event=\"{kids}\"", all, StringComparison.Ordinal);
        Assert.Contains($"data-event=\"{kids}\"", children, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-event=\"{grown}\"", children, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-event=\"{kids}\"", otherSite, StringComparison.Ordinal);
        Assert.Contains("id=\"events-filter-rejected\"", bad, StringComparison.Ordinal);
        Assert.Contains($"data-event=\"{grown}\"", site, StringComparison.Ordinal);
        app.Factory.Clock.SetToday(Today.AddDays(11)); // over: no longer listed, its page still answers
        Assert.DoesNotContain($"data-event=\"{kids}\"", await visitor.GetStringAsync("/events"), StringComparison.Ordinal);
        Assert.Contains("id=\"event-over\"", await visitor.GetStringAsync($"/events/{kids}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_EventFull_Waitlisted()
    {
        var id = await EventAsync("D-FULL", capacity: 1);
        using var visitor = await Personas.ClientAsync(app.Factory, Anonymous);
        await ConfirmAsync(visitor, id, "first@d.test");

        var html = await ConfirmAsync(visitor, id, "second@d.test");

        Assert.Contains("data-registration-state=\"Waitlisted\"", html, StringComparison.Ordinal);
        Assert.Equal(RegistrationState.Waitlisted, await StateAsync(id, "second@d.test"));
    }

    [Fact]
    public async Task Register_SameEmailTwice_MessageNextToEmail()
    {
        var id = await EventAsync("D-TWICE", capacity: 5);
        using var visitor = await Personas.ClientAsync(app.Factory, Anonymous);
        using var first = await Register(visitor, id, "twice@d.test");

        using var second = await Register(visitor, id, "Twice@D.test");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Events.AlreadyRegistered"), FieldError(await second.Content.ReadAsStringAsync(), "Input.Email"));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.EventRegistrations.CountAsync(r => r.EventId == id));
    }

    [Fact]
    public async Task Register_ResidentsEvent_OutsiderRefused_MemberRegistered()
    {
        var id = await EventAsync("D-RES", capacity: 5, EventAudience.Residents);
        using var anonymous = await Personas.ClientAsync(app.Factory, Anonymous);
        using var outsider = await Personas.ClientAsync(app.Factory, Applicant);
        using var member = await Personas.ClientAsync(app.Factory, CompanyMember);

        Assert.Contains("data-gate=\"SignInAsResident\"", await anonymous.GetStringAsync($"/events/{id}"), StringComparison.Ordinal);
        Assert.Contains("data-gate=\"ResidentsOnly\"", await outsider.GetStringAsync($"/events/{id}"), StringComparison.Ordinal);
        using var refused = await outsider.PostAsync($"/events/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Outsider", ["Input.Email"] = "outsider@d.test",
            ["__RequestVerificationToken"] = Personas.Token(await outsider.GetStringAsync($"/events/{id}")), // the sign-out form's token
        }));
        using var accepted = await Register(member, id, "member@d.test");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(["member@d.test"], await db.EventRegistrations.Where(r => r.EventId == id).Select(r => r.Email).ToListAsync());
    }

    [Theory]
    [InlineData("6")]
    [InlineData("15")]
    public async Task Register_ChildOutsideTheAges_MessageNextToChildAge(string age)
    {
        var id = await EventAsync("D-KIDS" + age, capacity: 5, EventAudience.Children);
        using var visitor = await Personas.ClientAsync(app.Factory, Anonymous);

        using var response = await Register(visitor, id, $"parent{age}@d.test", new() { ["Input.ChildFirstName"] = "Yasmine", ["Input.ChildAge"] = age });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Events.ChildAgeInvalid", arguments: [Event.ChildMinAge, Event.ChildMaxAge]),
            FieldError(await response.Content.ReadAsStringAsync(), "Input.ChildAge"));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.EventRegistrations.AnyAsync(r => r.EventId == id));
    }

    [Fact]
    public async Task Cancel_ThreeConfirmedAtOnce_ThreePromotedInConfirmationOrder()
    {
        var id = await EventAsync("D-RACE", capacity: 3);
        var seats = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            seats.Add(await RegisterAndConfirmAsync(id, $"seat{i}@d.test"));
        }

        // Five on the waiting list, registered w0…w4 (ids in that order) but confirmed in the order w3, w1, w4, w0, w2.
        var waiting = Enumerable.Range(0, 5).Select(i => $"w{i}@d.test").ToList();
        var tokens = new Dictionary<string, string>();
        foreach (var email in waiting)
        {
            tokens[email] = await RegisterAsync(id, email);
        }

        foreach (var email in new[] { "w3@d.test", "w1@d.test", "w4@d.test", "w0@d.test", "w2@d.test" })
        {
            app.Factory.Clock.Set(app.Factory.Clock.GetUtcNow().AddMinutes(1));
            Assert.Equal(RegistrationState.Waitlisted, await InScope(s => s.ConfirmAsync(tokens[email], CancellationToken.None)));
        }

        await Task.WhenAll(seats.Select(token => InScope(s => s.CancelAsync(token, CancellationToken.None))));

        await using var db = app.Database.CreateContext();
        var states = await db.EventRegistrations.AsNoTracking().Where(r => r.EventId == id).ToDictionaryAsync(r => r.Email, r => r.State);
        Assert.Equal(["w1@d.test", "w3@d.test", "w4@d.test"], states.Where(s => s.Value == RegistrationState.Confirmed).Select(s => s.Key).Order());
        Assert.Equal(["w0@d.test", "w2@d.test"], states.Where(s => s.Value == RegistrationState.Waitlisted).Select(s => s.Key).Order());
        Assert.Equal(3, states.Count(s => s.Value == RegistrationState.Cancelled));
        var promotedMails = await db.Outbox.AsNoTracking().Where(m => waiting.Contains(m.To) && m.AttachmentName != null)
            .Select(m => m.To).ToListAsync();
        Assert.Equal(["w1@d.test", "w3@d.test", "w4@d.test"], promotedMails.Order());
    }

    [Fact]
    public async Task CheckIn_WithTheQrCodesLink_ShowsThePersonFirstAndChecksIn()
    {
        app.Factory.Clock.SetToday(Today); // noon; the event is 13:00–15:00: check-in is open
        await using (var setup = app.Database.CreateContext())
        {
            var room = await TestRooms.CreateAsync(setup, "tanger", "D-DOOR", seats: 30);
            _doorEvent = await TestProgrammes.EventAsync(setup, room, Today, new TimeOnly(13, 0), new TimeOnly(15, 0), 10, app.Factory.Clock.GetUtcNow(),
                title: "D Accueil");
        }

        var token = await RegisterAndConfirmAsync(_doorEvent, "door@d.test");
        await using var db = app.Database.CreateContext();
        var registrationId = await db.EventRegistrations.Where(r => r.EventId == _doorEvent && r.Email == "door@d.test").Select(r => r.Id).SingleAsync();
        using var reviewer = await Personas.ClientAsync(app.Factory, ReviewerTanger);
        var url = $"/manage/tanger/events/{_doorEvent}/checkin?code={token}";

        var html = await reviewer.GetStringAsync(url);
        Assert.Contains("id=\"checkin-scanned\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-check-in=\"{registrationId}\"", html, StringComparison.Ordinal);
        using var posted = await Personas.PostFormAsync(reviewer, $"/manage/tanger/events/{_doorEvent}/checkin", new()
        {
            ["registrationId"] = registrationId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["code"] = token,
        }, url);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.NotNull(await db.EventRegistrations.Where(r => r.Id == registrationId).Select(r => r.CheckedInAt).SingleAsync());
        var after = await reviewer.GetStringAsync(url);
        Assert.Contains($"data-registration=\"{registrationId}\" data-checked-in=\"true\"", after, StringComparison.Ordinal);
        Assert.Contains("id=\"checked-in-count\" data-value=\"1\"", after, StringComparison.Ordinal);
        Assert.Contains("id=\"checkin-code-invalid\"", await reviewer.GetStringAsync($"/manage/tanger/events/{_doorEvent}/checkin?code=not-a-code"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelByStaff_ManagerAfterConfirmation_NextOnTheWaitingListTakesTheSeat_ReviewerForbidden()
    {
        var id = await EventAsync("D-STAFF", capacity: 1);
        await RegisterAndConfirmAsync(id, "staffseat@d.test");
        var token = await RegisterAsync(id, "staffwait@d.test");
        await InScope(s => s.ConfirmAsync(token, CancellationToken.None));
        await using var db = app.Database.CreateContext();
        var seat = await db.EventRegistrations.Where(r => r.EventId == id && r.Email == "staffseat@d.test").Select(r => r.Id).SingleAsync();
        var url = $"/manage/tanger/events/{id}/registrations";
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);
        using var reviewer = await Personas.ClientAsync(app.Factory, ReviewerTanger);
        var fields = new Dictionary<string, string> { ["registrationId"] = seat.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Contains("id=\"confirm-cancel-registration\"", await manager.GetStringAsync($"{url}?cancel={seat}"), StringComparison.Ordinal);
        using var refused = await Personas.PostFormAsync(reviewer, $"{url}?handler=Cancel", new(fields), url);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var cancelled = await Personas.PostFormAsync(manager, $"{url}?handler=Cancel", new(fields), url);

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(RegistrationState.Confirmed, await StateAsync(id, "staffwait@d.test"));
        Assert.Contains($"data-registration=\"{seat}\" data-state=\"Cancelled\"", await manager.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CoachTanger)]
    [InlineData(ManagerOujda)]
    public async Task CheckIn_CoachOrOtherSitesManager_Forbidden(Persona persona)
    {
        var id = await EventAsync("D-NO" + (int)persona, capacity: 5);
        using var client = await Personas.ClientAsync(app.Factory, persona);

        using var response = await client.GetAsync($"/manage/tanger/events/{id}/checkin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ConfirmAndCancel_WithoutOrWithAWrongToken_OkWithAMessage()
    {
        using var visitor = await Personas.ClientAsync(app.Factory, Anonymous);

        foreach (var url in new[] { "/events/confirm", "/events/confirm?token=abc", "/events/cancel", $"/events/cancel?token={new string('0', 64)}" })
        {
            using var response = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("id=\"token-invalid\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private int _doorEvent;

    private async Task<int> EventAsync(string roomCode, int capacity, EventAudience audience = EventAudience.Public)
    {
        app.Factory.Clock.SetToday(Today);
        await using var db = app.Database.CreateContext();
        var room = await TestRooms.CreateAsync(db, "tanger", roomCode, seats: 30);
        return await TestProgrammes.EventAsync(db, room, Today.AddDays(10), new TimeOnly(10, 0), new TimeOnly(12, 0), capacity, app.Factory.Clock.GetUtcNow(),
            audience, "D " + roomCode);
    }

    private static async Task<HttpResponseMessage> Register(HttpClient client, int id, string email, Dictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Name"] = "Amal Test", ["Input.Email"] = email };
        foreach (var (key, value) in more ?? [])
        {
            fields[key] = value;
        }

        return await Personas.PostFormAsync(client, $"/events/{id}", fields);
    }

    private async Task<string> ConfirmAsync(HttpClient client, int id, string email)
    {
        using var posted = await Register(client, id, email);
        var token = await TokenAsync(email, "/events/confirm");
        using var confirmed = await Personas.PostFormAsync(client, "/events/confirm", new() { ["Token"] = token }, $"/events/confirm?token={token}");
        return await confirmed.Content.ReadAsStringAsync();
    }

    /// <summary>Registers through the service (its own scope) and returns the token read from the confirmation email.</summary>
    private async Task<string> RegisterAsync(int id, string email)
    {
        await InScope(s => s.RegisterAsync(id, new RegistrationRequest("Test", email, null, null), null, false, CancellationToken.None));
        return await TokenAsync(email, "/events/confirm");
    }

    private async Task<string> RegisterAndConfirmAsync(int id, string email)
    {
        var token = await RegisterAsync(id, email);
        Assert.Equal(RegistrationState.Confirmed, await InScope(s => s.ConfirmAsync(token, CancellationToken.None)));
        return token;
    }

    private async Task<T> InScope<T>(Func<RegistrationService, Task<T>> action)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<RegistrationService>());
    }

    private async Task InScope(Func<RegistrationService, Task> action)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<RegistrationService>());
    }

    /// <summary>The token of the latest email to <paramref name="email"/> with a link to <paramref name="path"/>, read from its text body.</summary>
    private async Task<string> TokenAsync(string email, string path)
    {
        await using var db = app.Database.CreateContext();
        var bodies = await db.Outbox.AsNoTracking().Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.TextBody).ToListAsync();
        return bodies.Select(b => Regex.Match(b, Regex.Escape(path) + @"\?token=([0-9a-f]{64})")).First(m => m.Success).Groups[1].Value;
    }

    private async Task<RegistrationState> StateAsync(int id, string email)
    {
        await using var db = app.Database.CreateContext();
        return await db.EventRegistrations.Where(r => r.EventId == id && r.Email == email && r.State != RegistrationState.Cancelled).Select(r => r.State).SingleAsync();
    }

    /// <summary>The message shown next to a field (its validation span), decoded; null when none.</summary>
    private static string? FieldError(string html, string field) =>
        Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<") is { Success: true } m && m.Groups[1].Value.Length > 0
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : null;
}
