using System.Net;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.TestSupport;
using Technopark.Web.Authorization;
using Technopark.Web.Identity;
using Technopark.Web.Pages.Rooms;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>Booking emails with their .ics, the room and company iCalendar feeds and their secret URLs, all parsed back with Ical.Net.</summary>
public class RoomCalendarTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A Tuesday well ahead of the test clock.</summary>
    private static readonly DateOnly Day = new(2027, 3, 9);

    [Fact]
    public async Task Book_ForACompany_EmailsTheBookerAndEachMemberOnceInTheirLanguageWithAnInvitation()
    {
        var (room, resident) = await PrepareAsync("MR-ICS1");
        await RememberLanguageAsync(Persona.CompanyMember, "ar");

        var booking = (await BookAsync(room, Persona.CompanyOwner, BookingParty.ForCompany(resident), 10 * 60, 11 * 60 + 30))[0];

        var mails = await MailsForAsync(booking.Id);
        Assert.Equal([Personas.Email(Persona.CompanyMember), Personas.Email(Persona.CompanyOwner)], mails.Select(m => m.To).Order());
        foreach (var mail in mails)
        {
            Assert.Equal("reservation.ics", mail.AttachmentName);
            Assert.Equal("text/calendar; method=REQUEST", mail.AttachmentType);
            var calendar = Parse(mail.AttachmentContent!);
            Assert.Equal("REQUEST", calendar.Method);
            var evt = Assert.Single(calendar.Events);
            Assert.Equal($"booking-{booking.Id}@localhost", evt.Uid);
            Assert.Equal(booking.Start.UtcDateTime, evt.DtStart!.AsUtc);
            Assert.Equal(booking.End.UtcDateTime, evt.DtEnd!.AsUtc);
            Assert.Equal("CONFIRMED", evt.Status);
            Assert.Equal(0, evt.Sequence);
            Assert.Contains("MR-ICS1", evt.Summary, StringComparison.Ordinal);
            Assert.Contains(mail.To, evt.Attendees.Single().Value!.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("http://localhost/sites/tanger/rooms/mine", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("10:00", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("11:30", mail.TextBody, StringComparison.Ordinal);
        }

        var day = Technopark.Web.Localization.Display.Day(Day);
        Assert.Equal(ResourceText.Of(app.Factory, "RoomsCal.Mail.ConfirmedSubject", "ar", "MR-ICS1", day),
            mails.Single(m => m.To == Personas.Email(Persona.CompanyMember)).Subject);
        Assert.Equal(ResourceText.Of(app.Factory, "RoomsCal.Mail.ConfirmedSubject", "fr", "MR-ICS1", day),
            mails.Single(m => m.To == Personas.Email(Persona.CompanyOwner)).Subject);
    }

    [Fact]
    public async Task Cancel_ACompanyBooking_SendsMethodCancelWithTheSameUidAndAHigherSequence()
    {
        var (room, resident) = await PrepareAsync("MR-ICS2");
        var booking = (await BookAsync(room, Persona.CompanyMember, BookingParty.ForCompany(resident), 14 * 60, 15 * 60))[0];
        var confirmation = Parse((await MailsForAsync(booking.Id)).First(m => m.To == Personas.Email(Persona.CompanyMember)).AttachmentContent!);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var (site, access, userId) = await ContextAsync(scope, Persona.CompanyMember, resident);
            await scope.ServiceProvider.GetRequiredService<BookingService>().CancelAsync(site, access, userId, booking.Id, CancellationToken.None);
        }

        var cancellations = (await MailsForAsync(booking.Id)).Where(m => m.AttachmentType == "text/calendar; method=CANCEL").ToList();
        Assert.Equal(2, cancellations.Count); // the member who booked and the owner, once each
        var calendar = Parse(cancellations.First(m => m.To == Personas.Email(Persona.CompanyMember)).AttachmentContent!);
        Assert.Equal("CANCEL", calendar.Method);
        var cancelled = Assert.Single(calendar.Events);
        var confirmed = Assert.Single(confirmation.Events);
        Assert.Equal(confirmed.Uid, cancelled.Uid);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.True(cancelled.Sequence > confirmed.Sequence);
        Assert.Equal(confirmed.DtStart!.AsUtc, cancelled.DtStart!.AsUtc);
    }

    [Fact]
    public async Task Book_AWeeklySeries_SendsOneInvitationWithEveryDate()
    {
        var (room, resident) = await PrepareAsync("MR-ICS3");

        var bookings = await BookAsync(room, Persona.CompanyOwner, BookingParty.ForCompany(resident), 9 * 60, 10 * 60, repeatUntil: Day.AddDays(14));

        Assert.Equal(3, bookings.Count);
        var mail = (await MailsForAsync(bookings[0].Id)).Single(m => m.To == Personas.Email(Persona.CompanyOwner));
        var events = Parse(mail.AttachmentContent!).Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.Equal(bookings.Select(b => $"booking-{b.Id}@localhost"), events.Select(e => e.Uid));
        Assert.Equal(bookings.Select(b => b.Start.UtcDateTime), events.Select(e => e.DtStart!.AsUtc));
    }

    [Fact]
    public async Task RoomFeed_RightToken_ListsTheRoomsLiveBookingsWithPartiesAndNothingElse()
    {
        var (room, resident) = await PrepareAsync("MR-FEED1");
        var other = await CreateRoomAsync("MR-FEED1B");
        var live = (await BookAsync(room, Persona.ManagerTanger, BookingParty.External("Association Horizon", null, null), 9 * 60, 10 * 60))[0];
        var company = (await BookAsync(room, Persona.CompanyOwner, BookingParty.ForCompany(resident), 11 * 60, 12 * 60))[0];
        var dropped = (await BookAsync(room, Persona.ManagerTanger, BookingParty.ForSite(), 14 * 60, 15 * 60))[0];
        var elsewhere = (await BookAsync(other, Persona.ManagerTanger, BookingParty.ForSite(), 9 * 60, 10 * 60))[0];
        await CancelAsync(dropped.Id);
        var token = await RoomTokenAsync(room);
        using var anonymous = await Personas.ClientAsync(app.Factory, Persona.Anonymous);

        using var response = await anonymous.GetAsync($"/sites/tanger/rooms/{room}/feed/{token}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("private", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Contains("MR-FEED1", calendar.Properties["X-WR-CALNAME"]?.Value?.ToString(), StringComparison.Ordinal);
        Assert.Equal([Uid(live.Id), Uid(company.Id)], calendar.Events.Select(e => e.Uid).Order());
        Assert.DoesNotContain(calendar.Events, e => e.Uid == Uid(dropped.Id) || e.Uid == Uid(elsewhere.Id));
        Assert.Contains("Association Horizon", calendar.Events.Single(e => e.Uid == Uid(live.Id)).Description, StringComparison.Ordinal);
        Assert.Equal(live.End.UtcDateTime, calendar.Events.Single(e => e.Uid == Uid(live.Id)).DtEnd!.AsUtc);
    }

    [Theory]
    [InlineData("tanger", false)]
    [InlineData("oujda", true)]
    public async Task RoomFeed_WrongTokenOrAnotherSite_Returns404(string slug, bool rightToken)
    {
        var room = await CreateRoomAsync($"MR-F404{slug[0]}{rightToken}");
        var token = rightToken ? await RoomTokenAsync(room) : CalendarFeeds.NewToken();
        using var anonymous = await Personas.ClientAsync(app.Factory, Persona.Anonymous);

        using var response = await anonymous.GetAsync($"/sites/{slug}/rooms/{room}/feed/{token}.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CompanyFeed_CreatedThenRegenerated_ListsOnlyTheCompanysLiveBookingsAndRevokesTheOldUrl()
    {
        var (room, resident) = await PrepareAsync("MR-FEED2");
        var companies = await Personas.CompaniesAsync(app.Factory);
        var ours = (await BookAsync(room, Persona.CompanyOwner, BookingParty.ForCompany(resident), 9 * 60, 10 * 60))[0];
        var dropped = (await BookAsync(room, Persona.CompanyOwner, BookingParty.ForCompany(resident), 11 * 60, 12 * 60))[0];
        var theirs = (await BookAsync(room, Persona.OtherCompanyOwner, BookingParty.ForCompany(companies.Other), 14 * 60, 15 * 60))[0];
        await CancelAsync(dropped.Id);
        using var member = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);
        var form = new Dictionary<string, string> { ["companyId"] = resident.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        using (var created = await Personas.PostFormAsync(member, "/sites/tanger/rooms/calendars?handler=Company", new(form), formPage: "/sites/tanger/rooms/calendars"))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var first = await CompanyTokenAsync(resident);
        var page = await member.GetStringAsync("/sites/tanger/rooms/calendars");
        Assert.Contains($"value=\"http://localhost/company/{resident}/feed/{first}.ics\"", page, StringComparison.Ordinal);
        using var anonymous = await Personas.ClientAsync(app.Factory, Persona.Anonymous);
        var calendar = Calendar.Load(await anonymous.GetStringAsync($"/company/{resident}/feed/{first}.ics"))!;
        Assert.Equal([Uid(ours.Id)], calendar.Events.Select(e => e.Uid));
        Assert.DoesNotContain(calendar.Events, e => e.Uid == Uid(theirs.Id));

        // The first post of a regeneration only asks for a confirmation; the confirmed one replaces the URL.
        using (var asked = await Personas.PostFormAsync(member, "/sites/tanger/rooms/calendars?handler=Company", new(form), formPage: "/sites/tanger/rooms/calendars"))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Contains("id=\"confirm\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(first, await CompanyTokenAsync(resident));
        using (var confirmed = await Personas.PostFormAsync(member, "/sites/tanger/rooms/calendars?handler=Company",
            new(form) { ["Confirmed"] = "true" }, formPage: "/sites/tanger/rooms/calendars"))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        var second = await CompanyTokenAsync(resident);
        Assert.NotEqual(first, second);
        Assert.Equal(RoomSettings.FeedTokenLength, second!.Length);
        using var old = await anonymous.GetAsync($"/company/{resident}/feed/{first}.ics");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        using var fresh = await anonymous.GetAsync($"/company/{resident}/feed/{second}.ics");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        await using var db = app.Database.CreateContext();
        var entity = resident.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "company.calendar.regenerate" && a.EntityId == entity));
    }

    [Fact]
    public async Task Calendars_AnotherCompanysId_IsRefusedAndChangesNothing()
    {
        await PrepareAsync("MR-FEED3");
        var companies = await Personas.CompaniesAsync(app.Factory);
        using var member = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);

        using var response = await Personas.PostFormAsync(member, "/sites/tanger/rooms/calendars?handler=Company",
            new() { ["companyId"] = companies.Other.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Confirmed"] = "true" },
            formPage: "/sites/tanger/rooms/calendars");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await CompanyTokenAsync(companies.Other));
    }

    [Fact]
    public async Task RoomFeed_RegeneratedByTheManager_RevokesTheOldUrl_ReviewerCannot()
    {
        var room = await CreateRoomAsync("MR-FEED4");
        var first = await RoomTokenAsync(room);
        var form = new Dictionary<string, string> { ["spaceId"] = room.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Confirmed"] = "true" };
        using var reviewer = await Personas.ClientAsync(app.Factory, Persona.ReviewerTanger);
        var seen = await reviewer.GetStringAsync("/sites/tanger/rooms/calendars");
        Assert.Contains($"/sites/tanger/rooms/{room}/feed/{first}.ics", seen, StringComparison.Ordinal);

        using (var refused = await Personas.PostFormAsync(reviewer, "/sites/tanger/rooms/calendars?handler=Room", new(form), formPage: "/sites/tanger/rooms/calendars"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal(first, await RoomTokenAsync(room));
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using (var done = await Personas.PostFormAsync(manager, "/sites/tanger/rooms/calendars?handler=Room", new(form), formPage: "/sites/tanger/rooms/calendars"))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        var second = await RoomTokenAsync(room);
        Assert.NotEqual(first, second);
        using var anonymous = await Personas.ClientAsync(app.Factory, Persona.Anonymous);
        using var old = await anonymous.GetAsync($"/sites/tanger/rooms/{room}/feed/{first}.ics");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        using var fresh = await anonymous.GetAsync($"/sites/tanger/rooms/{room}/feed/{second}.ics");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Links_ComeFromTheConfiguredPublicUrl_NeverFromTheRequest()
    {
        await using var hosted = app.Factory.WithWebHostBuilder(b => b.UseSetting("App:PublicBaseUrl", "https://salles.example.ma/portail"));
        var (room, resident) = await PrepareAsync("MR-URL1");
        var token = await RoomTokenAsync(room);

        Booking booking;
        await using (var scope = hosted.Services.CreateAsyncScope())
        {
            var (site, access, userId) = await ContextAsync(scope, Persona.CompanyOwner, resident);
            booking = (await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(site, access, userId,
                new BookingRequest(room, new BookingSlot(Day, 16 * 60, 17 * 60), BookingParty.ForCompany(resident), 3, null), CancellationToken.None))[0];
        }

        var mail = (await MailsForAsync(booking.Id, "salles.example.ma")).First();
        Assert.Contains("https://salles.example.ma/portail/sites/tanger/rooms/mine", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal($"booking-{booking.Id}@salles.example.ma", Parse(mail.AttachmentContent!).Events.Single().Uid);
        using var manager = await Personas.ClientAsync(hosted, Persona.ManagerTanger);
        var page = await manager.GetStringAsync("/sites/tanger/rooms/calendars");
        Assert.Contains($"value=\"https://salles.example.ma/portail/sites/tanger/rooms/{room}/feed/{token}.ics\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailboxAttachment_NetworkAdmin_DownloadsTheIcsAsQueued()
    {
        var (room, resident) = await PrepareAsync("MR-MBX1");
        var booking = (await BookAsync(room, Persona.CompanyOwner, BookingParty.ForCompany(resident), 8 * 60, 9 * 60))[0];
        var mail = (await MailsForAsync(booking.Id)).First();
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var mailbox = await hq.GetStringAsync("/hq/mailbox");
        using var response = await hq.GetAsync($"/hq/mailbox/{mail.Id}/attachment");

        Assert.Contains($"href=\"/hq/mailbox/{mail.Id}/attachment\"", mailbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; method=REQUEST", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("reservation.ics", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(mail.AttachmentContent, await response.Content.ReadAsByteArrayAsync());
    }

    private static Calendar Parse(byte[] ics) => Calendar.Load(Encoding.UTF8.GetString(ics))!;

    private static string Uid(long bookingId) => $"booking-{bookingId}@localhost";

    /// <summary>The personas, the clock before <see cref="Day"/>, and a room of Tanger with a 15-minute buffer. Returns the room and the resident company.</summary>
    private async Task<(int Room, int Resident)> PrepareAsync(string code)
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 3, 1));
        foreach (var persona in new[] { Persona.CompanyOwner, Persona.CompanyMember, Persona.OtherCompanyOwner, Persona.ManagerTanger })
        {
            await Personas.EnsureAsync(app.Factory, persona);
        }

        return (await CreateRoomAsync(code), (await Personas.CompaniesAsync(app.Factory)).Resident);
    }

    private async Task<int> CreateRoomAsync(string code)
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 3, 1));
        await using var db = app.Database.CreateContext();
        return await TestRooms.CreateAsync(db, "tanger", code);
    }

    private async Task<IReadOnlyList<Booking>> BookAsync(int room, Persona who, BookingParty party, int start, int end, DateOnly? repeatUntil = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (site, access, userId) = await ContextAsync(scope, who, party.CompanyId);
        return await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(site, access, userId,
            new BookingRequest(room, new BookingSlot(Day, start, end), party, 2, null, repeatUntil), CancellationToken.None);
    }

    private async Task CancelAsync(long bookingId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (site, access, userId) = await ContextAsync(scope, Persona.ManagerTanger, null);
        await scope.ServiceProvider.GetRequiredService<BookingService>().CancelAsync(site, access, userId, bookingId, CancellationToken.None);
    }

    /// <summary>The site, the person's access (staff for a manager, else a member of <paramref name="companyId"/>) and their id.</summary>
    private static async Task<(SiteResource Site, RoomAccess Access, string UserId)> ContextAsync(AsyncServiceScope scope, Persona who, int? companyId)
    {
        var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
        var site = await db.Sites.Where(s => s.Slug == "tanger").Select(s => new SiteResource(s.Id, s.Slug)).SingleAsync();
        var userId = await db.Users.Where(u => u.Email == Personas.Email(who)).Select(u => u.Id).SingleAsync();
        var staff = who is Persona.ManagerTanger or Persona.ReviewerTanger;
        var access = new RoomAccess(staff, false, staff || companyId is null ? [] : [new BookingCompany(companyId.Value, "company")]);
        return (site, access, userId);
    }

    private async Task RememberLanguageAsync(Persona persona, string language)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Technopark.Infrastructure.Identity.ApplicationUser>>();
        var user = await users.FindByEmailAsync(Personas.Email(persona));
        await scope.ServiceProvider.GetRequiredService<UserLanguage>().RememberAsync(user!, language);
    }

    /// <summary>The emails whose calendar names the booking (by its UID).</summary>
    private async Task<List<OutboxMessage>> MailsForAsync(long bookingId, string host = "localhost")
    {
        await using var db = app.Database.CreateContext();
        var all = await db.Outbox.AsNoTracking().Where(m => m.AttachmentContent != null).OrderBy(m => m.Id).ToListAsync();
        var uid = $"UID:booking-{bookingId}@{host}";
        return [.. all.Where(m => Encoding.UTF8.GetString(m.AttachmentContent!).Contains(uid, StringComparison.Ordinal))];
    }

    private async Task<string> RoomTokenAsync(int room)
    {
        await using var db = app.Database.CreateContext();
        return await db.RoomSettings.Where(r => r.SpaceId == room).Select(r => r.FeedToken).SingleAsync();
    }

    private async Task<string?> CompanyTokenAsync(int companyId)
    {
        await using var db = app.Database.CreateContext();
        return await db.Companies.Where(c => c.Id == companyId).Select(c => c.CalendarToken).SingleAsync();
    }
}
