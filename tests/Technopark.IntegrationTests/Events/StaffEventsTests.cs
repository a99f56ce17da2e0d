using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Domain.Rooms;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Events;

/// <summary>Staff create an event with its room in one step (/manage/{slug}/events/new), and cancel it (/manage/{slug}/events/{id}).</summary>
public class StaffEventsTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    /// <summary>The app's "today" in these tests (a Thursday).</summary>
    private static readonly DateOnly Today = new(2027, 4, 1);

    /// <summary>A Wednesday ahead of <see cref="Today"/>.</summary>
    private static readonly DateOnly Day = new(2027, 4, 14);

    private const string NewUrl = "/manage/tanger/events/new";

    public Task InitializeAsync()
    {
        app.Factory.Clock.SetToday(Today);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Post_Manager_BooksTheRoomForTheSiteAndSavesTheEventWithItsTimes()
    {
        var room = await RoomAsync("C-SALLE-OK", seats: 30);
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await Personas.PostFormAsync(client, NewUrl, Fields(room, "10:00", "12:00"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var ev = await db.Events.SingleAsync(e => e.SpaceId == room);
        var booking = await db.Bookings.SingleAsync(b => b.SpaceId == room);
        Assert.Equal($"/manage/tanger/events/{ev.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(ev.BookingId, booking.Id);
        Assert.Equal((SiteTime.Instant(Day, 10 * 60), SiteTime.Instant(Day, 12 * 60)), (booking.Start, booking.End));
        Assert.Equal((booking.Start, booking.End), (ev.StartsAt, ev.EndsAt));
        Assert.Equal((BookingPartyKind.Site, 30, "C Atelier robotique"), (booking.PartyKind, booking.Attendees, booking.Title));
        Assert.Equal(30, ev.Capacity); // no capacity given: the room's
        Assert.Equal(SiteTime.Instant(Day.AddDays(-1), 18 * 60), ev.RegistrationDeadline); // the day before at 18:00
        Assert.Equal((EventAudience.Children, EventLanguage.Arabic, "AFEM, CJD"), (ev.Audience, ev.Language, ev.Partners));
        var entityId = ev.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "event.create" && a.EntityId == entityId));
    }

    [Fact]
    public async Task Post_SlotTaken_SavesNeitherEventNorBooking_AndOffersOtherSlots()
    {
        var room = await RoomAsync("C-SALLE-CLASH");
        await using (var db = app.Database.CreateContext())
        {
            var space = await db.Spaces.SingleAsync(s => s.Id == room);
            var settings = await db.RoomSettings.SingleAsync(r => r.SpaceId == room);
            db.Bookings.Add(Booking.Create(new BookableRoom(space, settings), new BookingSlot(Day, 10 * 60, 11 * 60), BookingParty.ForSite(), 5, "Déjà là",
                "test-user", app.Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await Personas.PostFormAsync(client, NewUrl, Fields(room, "10:30", "12:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = ResourceText.Inner(await response.Content.ReadAsStringAsync(), "Input_Start-error");
        var template = ResourceText.Of(app.Factory, "Rooms.Booking.Taken", Cultures.Default, "{0}");
        Assert.NotNull(error);
        Assert.StartsWith(template[..template.IndexOf("{0}", StringComparison.Ordinal)], error, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\d\d:\d\d–\d\d:\d\d"), error);
        await using var check = app.Database.CreateContext();
        Assert.False(await check.Events.AnyAsync(e => e.SpaceId == room));
        Assert.Equal(1, await check.Bookings.CountAsync(b => b.SpaceId == room));
    }

    [Fact]
    public async Task Post_CapacityOverTheRoom_MessageNextToCapacity_NothingSaved()
    {
        var room = await RoomAsync("C-SALLE-CAP", seats: 12);
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, "10:00", "12:00");
        fields["Input.Capacity"] = "13";

        using var response = await Personas.PostFormAsync(client, NewUrl, fields);

        await AssertRefusedAsync(response, room, "Input_Capacity-error", "Rooms.Booking.OverCapacity", 12);
    }

    [Fact]
    public async Task Post_DeadlineAfterTheStart_MessageNextToTheDeadline_NothingSaved()
    {
        var room = await RoomAsync("C-SALLE-DL");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, "10:00", "12:00");
        fields["Input.DeadlineDay"] = Display.Iso(Day);
        fields["Input.DeadlineTime"] = "10:15";

        using var response = await Personas.PostFormAsync(client, NewUrl, fields);

        await AssertRefusedAsync(response, room, "Input_DeadlineDay-error", "Events.DeadlineAfterStart");
    }

    [Theory]
    [InlineData("Input.Day", "0001-01-01", "Input_Day-error")]
    [InlineData("Input.Start", "25:99", "Input_Start-error")]
    [InlineData("Input.Capacity", "-4", "Input_Capacity-error")]
    [InlineData("Input.Audience", "Nobody", "Input_Audience-error")]
    [InlineData("Input.DeadlineTime", "soon", "Input_DeadlineTime-error")]
    public async Task Post_BadValue_MessageNextToTheField_No500(string field, string value, string errorId)
    {
        var room = await RoomAsync($"C-SALLE-BAD{errorId.Length}{value.Length}");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, "10:00", "12:00");
        fields[field] = value;

        using var response = await Personas.PostFormAsync(client, NewUrl, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(ResourceText.Inner(await response.Content.ReadAsStringAsync(), errorId)));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Bookings.AnyAsync(b => b.SpaceId == room));
    }

    [Theory]
    [InlineData(Persona.ReviewerTanger)]
    [InlineData(Persona.NetworkAdmin)]
    public async Task Post_ReviewerOrHq_Forbidden_NothingSaved(Persona persona)
    {
        var room = await RoomAsync($"C-SALLE-P{(int)persona}");
        using var client = await Personas.ClientAsync(app.Factory, persona);

        using var response = await Personas.PostFormAsync(client, NewUrl, Fields(room, "10:00", "12:00"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Bookings.AnyAsync(b => b.SpaceId == room));
    }

    [Fact]
    public async Task Cancel_Confirmed_CancelsTheEventThenFreesTheRoom_AndWritesToEachLiveRegistration()
    {
        var room = await RoomAsync("C-SALLE-ANNUL");
        var now = app.Factory.Clock.GetUtcNow();
        int id;
        await using (var db = app.Database.CreateContext())
        {
            id = await TestProgrammes.EventAsync(db, room, Day, new TimeOnly(14, 0), new TimeOnly(16, 0), 1, now, title: "C Conférence annulée");
            var ev = await db.Events.SingleAsync(e => e.Id == id);
            var seated = Register(ev, "c.seated@example.ma", now);
            var waiting = Register(ev, "c.waiting@example.ma", now);
            var pending = Register(ev, "c.pending@example.ma", now);
            var gone = Register(ev, "c.gone@example.ma", now);
            db.EventRegistrations.AddRange(seated, waiting, pending, gone);
            Assert.Equal(RegistrationState.Confirmed, seated.Confirm(ev, 0, now));
            Assert.Equal(RegistrationState.Waitlisted, waiting.Confirm(ev, 1, now));
            gone.Cancel(ev, now);
            await db.SaveChangesAsync();
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var url = $"/manage/tanger/events/{id}";
        using (var ask = await Personas.PostFormAsync(client, $"{url}?handler=Cancel", new() { ["confirmed"] = "false" }, url))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
            Assert.NotNull(ResourceText.Tag(await ask.Content.ReadAsStringAsync(), "confirm-cancel-event"));
        }

        using var response = await Personas.PostFormAsync(client, $"{url}?handler=Cancel", new() { ["confirmed"] = "true" }, url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var check = app.Database.CreateContext();
        var cancelled = await check.Events.SingleAsync(e => e.Id == id);
        Assert.True(cancelled.IsCancelled);
        Assert.True((await check.Bookings.SingleAsync(b => b.Id == cancelled.BookingId)).IsCancelled);
        var subject = ResourceText.Of(app.Factory, "Events.Staff.Mail.CancelledSubject", Cultures.Default, "C Conférence annulée", Display.Day(Day));
        var sent = await check.Outbox.Where(m => m.Subject == subject).Select(m => m.To).OrderBy(t => t).ToListAsync();
        Assert.Equal(["c.pending@example.ma", "c.seated@example.ma", "c.waiting@example.ma"], sent);
        var entityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await check.AuditLog.AnyAsync(a => a.Action == "event.cancel" && a.EntityId == entityId));
    }

    [Fact]
    public async Task Cancel_Reviewer_Forbidden()
    {
        var room = await RoomAsync("C-SALLE-REV");
        int id;
        await using (var db = app.Database.CreateContext())
        {
            id = await TestProgrammes.EventAsync(db, room, Day, new TimeOnly(9, 0), new TimeOnly(10, 0), 5, app.Factory.Clock.GetUtcNow());
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ReviewerTanger);
        var url = $"/manage/tanger/events/{id}";

        using var response = await Personas.PostFormAsync(client, $"{url}?handler=Cancel", new() { ["confirmed"] = "true" }, url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var check = app.Database.CreateContext();
        Assert.False((await check.Events.SingleAsync(e => e.Id == id)).IsCancelled);
    }

    [Fact]
    public async Task RoomsPage_CancellingTheBookingOfAnEvent_AnswersHoldsEvent()
    {
        var room = await RoomAsync("C-SALLE-HOLD");
        long bookingId;
        await using (var db = app.Database.CreateContext())
        {
            var id = await TestProgrammes.EventAsync(db, room, Day, new TimeOnly(16, 0), new TimeOnly(17, 0), 5, app.Factory.Clock.GetUtcNow());
            bookingId = await db.Events.Where(e => e.Id == id).Select(e => e.BookingId).SingleAsync();
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        const string url = "/sites/tanger/rooms/mine";

        using var response = await Personas.PostFormAsync(client, $"{url}?handler=Cancel",
            new() { ["bookingId"] = bookingId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["confirmed"] = "true" }, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Rooms.Booking.HoldsEvent"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        await using var check = app.Database.CreateContext();
        Assert.False((await check.Bookings.SingleAsync(b => b.Id == bookingId)).IsCancelled);
    }

    [Fact]
    public async Task List_ShowsTheEventWithItsFigures_AndTheDetailLinksToRegistrationsAndCheckIn()
    {
        var room = await RoomAsync("C-SALLE-LIST");
        var now = app.Factory.Clock.GetUtcNow();
        int id;
        await using (var db = app.Database.CreateContext())
        {
            id = await TestProgrammes.EventAsync(db, room, Day, new TimeOnly(11, 0), new TimeOnly(12, 0), 2, now);
            var ev = await db.Events.SingleAsync(e => e.Id == id);
            var registrations = Enumerable.Range(0, 3).Select(i => Register(ev, $"c.list{i}@example.ma", now)).ToList();
            db.EventRegistrations.AddRange(registrations);
            for (var i = 0; i < registrations.Count; i++)
            {
                registrations[i].Confirm(ev, i, now);
            }

            await db.SaveChangesAsync();
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ReviewerTanger);

        var list = await client.GetStringAsync("/manage/tanger/events");
        var detail = await client.GetStringAsync($"/manage/tanger/events/{id}");

        var row = Regex.Match(list, $"<tr data-event=\"{id}\"[^>]*>").Value;
        Assert.Contains("data-confirmed=\"2\"", row, StringComparison.Ordinal);
        Assert.Contains("data-waitlisted=\"1\"", row, StringComparison.Ordinal);
        Assert.Contains("data-no-shows=\"\"", row, StringComparison.Ordinal); // not over yet
        Assert.Null(ResourceText.Tag(list, "event-new")); // a reviewer reads, does not create
        Assert.NotNull(ResourceText.Tag(detail, "registrations"));
        Assert.NotNull(ResourceText.Tag(detail, "checkin"));
        Assert.Null(ResourceText.Tag(detail, "cancel-event"));
    }

    private static EventRegistration Register(Event ev, string email, DateTimeOffset now) =>
        EventRegistration.Register(ev, email, "Personne Test", null, null, null, false, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), now);

    private static Dictionary<string, string> Fields(int room, string start, string end) => new()
    {
        ["Input.SpaceId"] = room.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Day"] = Display.Iso(Day),
        ["Input.Start"] = start,
        ["Input.End"] = end,
        ["Input.Title"] = "C Atelier robotique",
        ["Input.Description"] = "Robots et impression 3D pour les 7–14 ans.",
        ["Input.Language"] = nameof(EventLanguage.Arabic),
        ["Input.Audience"] = nameof(EventAudience.Children),
        ["Input.Partners"] = "AFEM, CJD",
    };

    private async Task AssertRefusedAsync(HttpResponseMessage response, int room, string errorId, string code, params object[] arguments)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = ResourceText.Of(app.Factory, code, Cultures.Default, [.. arguments.Select(a => a is int n ? Display.Count(n) : a)]);
        Assert.Equal(expected, ResourceText.Inner(await response.Content.ReadAsStringAsync(), errorId));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Events.AnyAsync(e => e.SpaceId == room));
        Assert.False(await db.Bookings.AnyAsync(b => b.SpaceId == room));
    }

    private async Task<int> RoomAsync(string code, int seats = 20)
    {
        await using var db = app.Database.CreateContext();
        return await TestRooms.CreateAsync(db, "tanger", code, seats);
    }
}
