using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Rooms;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>The day view, the week view and "my bookings" over HTTP: who sees what, site scope, and the cancel flow.</summary>
public class RoomViewsTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A Wednesday well ahead of the clock the tests set.</summary>
    private static readonly DateOnly Day = new(2027, 4, 14);

    private static string DayUrl => $"/sites/tanger/rooms?day={Day:yyyy-MM-dd}";

    [Fact]
    public async Task DayView_AnotherResident_SeesTheBookingOnlyAsBooked()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var companies = await Personas.CompaniesAsync(app.Factory);
        var room = await CreateRoomAsync("MR-V1");
        var booking = await BookAsync(room, BookingParty.ForCompany(companies.Resident), 10 * 60, 11 * 60, "Pitch investisseurs confidentiel");

        using var member = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);
        using var other = await Personas.ClientAsync(app.Factory, Persona.OtherCompanyOwner);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var own = await member.GetStringAsync(DayUrl);
        var others = await other.GetStringAsync(DayUrl);
        var staff = await manager.GetStringAsync(DayUrl);

        Assert.Contains($"data-booking=\"{booking}\"", others, StringComparison.Ordinal);
        Assert.DoesNotContain("Pitch investisseurs confidentiel", others, StringComparison.Ordinal);
        Assert.DoesNotContain(Personas.ResidentCompany, others, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "RoomsView.Booked"), others, StringComparison.Ordinal);
        Assert.Contains("Pitch investisseurs confidentiel", own, StringComparison.Ordinal);
        Assert.Contains("Pitch investisseurs confidentiel", staff, StringComparison.Ordinal);
        Assert.Contains(Personas.ResidentCompany, staff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DayView_FreeHalfHours_LinkToTheBookingFormAndTakenOnesDoNot()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await CreateRoomAsync("MR-V2", s => s.Set(min: 30, buffer: 15));
        await BookAsync(room, BookingParty.ForSite(), 10 * 60, 11 * 60, "Réunion");
        using var member = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);

        var html = await member.GetStringAsync(DayUrl);

        Assert.Contains($"href=\"/sites/tanger/rooms/book?space={room}&amp;day=2027-04-14&amp;start=09:00&amp;end=10:00\"", html, StringComparison.Ordinal);
        Assert.Contains($"class=\"room-free\" data-space=\"{room}\" data-start=\"09:00\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-space=\"{room}\" data-start=\"10:00\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-space=\"{room}\" data-start=\"10:30\"", html, StringComparison.Ordinal);
        // The booking ends at 11:00 and the room is being cleaned until 11:15: the 11:00 half-hour offers 11:15.
        Assert.Contains($"data-space=\"{room}\" data-start=\"11:15\"", html, StringComparison.Ordinal);
        Assert.Contains($"day=2027-04-14&amp;start=18:30&amp;end=19:00\"", html, StringComparison.Ordinal); // an hour, clipped to the closing time
    }

    [Fact]
    public async Task DayView_PastTimesAndHq_OfferNoLink()
    {
        app.Factory.Clock.Set(SiteTime.Instant(Day, 12 * 60 + 5));
        var room = await CreateRoomAsync("MR-V3");
        using var member = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await member.GetStringAsync(DayUrl);
        var hqHtml = await hq.GetStringAsync(DayUrl);

        Assert.DoesNotContain($"data-space=\"{room}\" data-start=\"11:30\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-space=\"{room}\" data-start=\"12:00\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-space=\"{room}\" data-start=\"12:15\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"room-free\"", hqHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DayView_ClosedRoom_SaysClosed()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var saturday = new DateOnly(2027, 4, 17);
        await CreateRoomAsync("MR-V4");
        using var member = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);

        var html = await member.GetStringAsync($"/sites/tanger/rooms?day={saturday:yyyy-MM-dd}");

        Assert.Contains(ResourceText.Of(app.Factory, "RoomsView.AllClosed"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"room-free\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Week_RoomOfAnotherSite_IsNotFound()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        int oujdaRoom, tangerRoom;
        await using (var db = app.Database.CreateContext())
        {
            oujdaRoom = await TestRooms.CreateAsync(db, "oujda", "MR-VO");
            tangerRoom = await TestRooms.CreateAsync(db, "tanger", "MR-V5");
        }

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/sites/tanger/rooms/{oujdaRoom}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/sites/tanger/rooms/{oujdaRoom}")).StatusCode);
        var week = await owner.GetAsync($"/sites/tanger/rooms/{tangerRoom}?week=2027-04-14");
        Assert.Equal(HttpStatusCode.OK, week.StatusCode);
        Assert.Contains("data-week=\"2027-04-12\"", await week.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DayAndWeek_OujdaStaff_AreForbidden()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await CreateRoomAsync("MR-V6");
        using var oujda = await Personas.ClientAsync(app.Factory, Persona.ManagerOujda);

        Assert.Equal(HttpStatusCode.Forbidden, (await oujda.GetAsync(DayUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oujda.GetAsync($"/sites/tanger/rooms/{room}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oujda.GetAsync("/sites/tanger/rooms/mine")).StatusCode);
    }

    [Fact]
    public async Task Mine_CancelWithinTheNotice_WarnsThenCancelsAsLate()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var companies = await Personas.CompaniesAsync(app.Factory);
        var room = await CreateRoomAsync("MR-V7", s => s.Set(notice: 120));
        var booking = await BookAsync(room, BookingParty.ForCompany(companies.Resident), 10 * 60, 11 * 60, "Point d'équipe");
        app.Factory.Clock.Set(SiteTime.Instant(Day, 9 * 60));
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        var mine = await owner.GetStringAsync("/sites/tanger/rooms/mine");
        Assert.Contains($"data-cancel=\"{booking}\"", mine, StringComparison.Ordinal);

        using var ask = await Personas.PostFormAsync(owner, "/sites/tanger/rooms/mine?handler=Cancel", new() { ["bookingId"] = $"{booking}" },
            formPage: "/sites/tanger/rooms/mine");
        var confirm = await ask.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("id=\"confirm-cancel\"", confirm, StringComparison.Ordinal);
        Assert.Contains("id=\"cancel-late\"", confirm, StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Null((await db.Bookings.SingleAsync(b => b.Id == booking)).CancelledAt); // asking is not cancelling
        }

        using var done = await Personas.PostFormAsync(owner, "/sites/tanger/rooms/mine?handler=Cancel",
            new() { ["bookingId"] = $"{booking}", ["confirmed"] = "true" }, formPage: "/sites/tanger/rooms/mine");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await using var check = app.Database.CreateContext();
        var cancelled = await check.Bookings.SingleAsync(b => b.Id == booking);
        Assert.NotNull(cancelled.CancelledAt);
        Assert.True(cancelled.CancelledLate);
        var after = await owner.GetStringAsync("/sites/tanger/rooms/mine");
        Assert.Contains(ResourceText.Of(app.Factory, "RoomsView.CancelDoneLate"), after, StringComparison.Ordinal);
        Assert.Contains($"data-booking=\"{booking}\" data-mark=\"RoomsView.Mark.Late\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mine_CancelWellAhead_HasNoLateWarning()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var companies = await Personas.CompaniesAsync(app.Factory);
        var room = await CreateRoomAsync("MR-V8");
        var booking = await BookAsync(room, BookingParty.ForCompany(companies.Resident), 14 * 60, 15 * 60, null);
        using var member = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);

        using var ask = await Personas.PostFormAsync(member, "/sites/tanger/rooms/mine?handler=Cancel", new() { ["bookingId"] = $"{booking}" },
            formPage: "/sites/tanger/rooms/mine");
        var confirm = await ask.Content.ReadAsStringAsync();

        Assert.Contains("id=\"confirm-cancel\"", confirm, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cancel-late\"", confirm, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mine_AnotherCompanysBooking_CannotBeCancelledAndHqCannotPost()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var companies = await Personas.CompaniesAsync(app.Factory);
        var room = await CreateRoomAsync("MR-V9");
        var booking = await BookAsync(room, BookingParty.ForCompany(companies.Resident), 15 * 60, 16 * 60, null);
        using var other = await Personas.ClientAsync(app.Factory, Persona.OtherCompanyOwner);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var refused = await Personas.PostFormAsync(other, "/sites/tanger/rooms/mine?handler=Cancel",
            new() { ["bookingId"] = $"{booking}", ["confirmed"] = "true" }, formPage: "/sites/tanger/rooms/mine");
        using var hqPost = await Personas.PostFormAsync(hq, "/sites/tanger/rooms/mine?handler=Cancel",
            new() { ["bookingId"] = $"{booking}", ["confirmed"] = "true" }, formPage: "/sites/tanger/rooms/mine");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, hqPost.StatusCode);
        await using var check = app.Database.CreateContext();
        Assert.Null((await check.Bookings.SingleAsync(b => b.Id == booking)).CancelledAt);
    }

    [Fact]
    public async Task DayView_Resident_SeesIncludedHoursLeftThisMonth()
    {
        app.Factory.Clock.SetToday(Day.AddDays(-1));
        var companies = await Personas.CompaniesAsync(app.Factory);
        var room = await CreateRoomAsync("MR-VA", s => s.Set(included: 4));
        await BookAsync(room, BookingParty.ForCompany(companies.Resident), 9 * 60, 10 * 60 + 30, null);
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);

        var html = await owner.GetStringAsync(DayUrl);

        Assert.Contains($"data-company=\"{companies.Resident}\" data-left-minutes=\"150\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigation_CompanyOverviewAndSiteBoard_LinkToTheRooms()
    {
        var companies = await Personas.CompaniesAsync(app.Factory);
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var overview = await owner.GetStringAsync($"/company/{companies.Resident}");
        var board = await manager.GetStringAsync("/manage/tanger");

        Assert.Contains("href=\"/sites/tanger/rooms\"", ResourceText.Tag(overview, "company-rooms"), StringComparison.Ordinal);
        Assert.Contains("href=\"/sites/tanger/rooms\"", ResourceText.Tag(board, "nav-rooms"), StringComparison.Ordinal);
    }

    private async Task<int> CreateRoomAsync(string code, Action<RoomSettings>? adjust = null)
    {
        await using var db = app.Database.CreateContext();
        return await TestRooms.CreateAsync(db, "tanger", code, adjust: adjust);
    }

    private async Task<long> BookAsync(int room, BookingParty party, int start, int end, string? title)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
        var site = await db.Sites.Where(s => s.Slug == "tanger").Select(s => new SiteResource(s.Id, s.Slug)).SingleAsync();
        var access = new RoomAccess(IsStaff: true, IsNetworkAdmin: false, []);
        var saved = await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(site, access, "staff-user",
            new BookingRequest(room, new BookingSlot(Day, start, end), party, 4, title), CancellationToken.None);
        return saved[0].Id;
    }
}
