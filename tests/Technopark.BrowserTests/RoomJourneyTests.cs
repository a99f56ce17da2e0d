using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.TestSupport;
using IcalCalendar = Ical.Net.Calendar;

namespace Technopark.BrowserTests;

/// <summary>
/// Shared rooms end to end: a resident books a free slot from the day view, sees it in the room's week, receives the
/// confirmation with its .ics and cancels it from "my bookings"; a Tanger manager books a room for an external
/// organisation; the day view is axe clean in Arabic and on a phone. Each test books a room of its own (TestRooms:
/// weekdays 08:00–19:00) on a weekday a few days after the app's frozen "today".
/// </summary>
[Collection(FrozenClockCollection.Name)]
public class RoomJourneyTests(BrowserFixture browser)
{
    private const string Rooms = "/sites/tanger/rooms";

    [Fact]
    public async Task Resident_BooksFromTheDayView_SeesItInTheWeek_GetsTheIcs_AndCancels()
    {
        var day = FrozenBookingDay();
        var (room, code) = await RoomAsync(seats: 10);
        var companyId = (await Personas.CompaniesAsync(browser.App.Factory)).Resident;
        var page = await SignedInAsync(Persona.CompanyOwner, "fr", 1280, 900);

        // The day view: the free 10:00 slot of the room leads to the booking form, prefilled.
        await page.GotoAsync($"{Rooms}?day={Iso(day)}");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Visible(page, $"a.room-free[data-space=\"{room}\"][data-start=\"10:00\"]").ClickAsync();
        await page.ArriveAsync($"**{Rooms}/book?*");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("[name='Input.Attendees']").FillAsync("4");
        await page.Locator("[name='Input.Title']").FillAsync($"Revue de sprint {code}");
        await page.Locator("#book-submit").ClickAsync();

        // Back on the day view: the status message and the booking's block.
        await page.ArriveAsync($"**{Rooms}?day={Iso(day)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = code }).First).ToBeVisibleAsync();
        var booking = await LiveBookingAsync(room);
        Assert.Equal((SiteTime.Instant(day, 10 * 60), SiteTime.Instant(day, 11 * 60)), (booking.Start, booking.End));
        Assert.Equal((BookingPartyKind.Company, companyId, 4), (booking.PartyKind, booking.CompanyId!.Value, booking.Attendees));
        await Assertions.Expect(Visible(page, $"[data-booking=\"{booking.Id}\"]")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The room's week shows it.
        await page.GotoAsync($"{Rooms}/{room}?week={Iso(day)}");
        await Assertions.Expect(Visible(page, $"[data-booking=\"{booking.Id}\"]")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The confirmation email carries an .ics whose one event is the booking, at its instants.
        var (name, content) = await AttachmentToAsync(Personas.Email(Persona.CompanyOwner), code);
        Assert.EndsWith(".ics", name, StringComparison.Ordinal);
        var calendar = IcalCalendar.Load(Encoding.UTF8.GetString(content));
        var calendarEvent = Assert.Single(calendar!.Events);
        Assert.Equal(booking.Start.UtcDateTime, calendarEvent.DtStart!.AsUtc);
        Assert.Equal(booking.End.UtcDateTime, calendarEvent.DtEnd!.AsUtc);

        // "My bookings": cancel, confirm; the booking is cancelled and leaves the day view.
        await page.GotoAsync($"{Rooms}/mine");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Visible(page, $"[data-cancel=\"{booking.Id}\"]").ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#confirm-cancel").ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-cancel")).ToHaveCountAsync(0); // the POST answered: back on the list (PRG)
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-cancel=\"{booking.Id}\"]")).ToHaveCountAsync(0);
        await using (var db = browser.App.Database.CreateContext())
        {
            var cancelled = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booking.Id);
            Assert.NotNull(cancelled.CancelledAt);
            Assert.False(cancelled.CancelledLate); // days ahead of its start: within the notice
        }

        await page.GotoAsync($"{Rooms}?day={Iso(day)}");
        await Assertions.Expect(page.Locator($"[data-booking=\"{booking.Id}\"]")).ToHaveCountAsync(0);
        await Assertions.Expect(Visible(page, $"a.room-free[data-space=\"{room}\"][data-start=\"10:00\"]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Manager_BooksForAnExternalOrganisation_ShownWithItsNameOnTheDayView()
    {
        var day = FrozenBookingDay();
        var (room, code) = await RoomAsync(seats: 20);
        var organisation = $"Association Détroit Numérique {code}";
        var page = await SignedInAsync(Persona.ManagerTanger, "fr", 1280, 900);

        await page.GotoAsync($"{Rooms}/book?space={room}&day={Iso(day)}&start=14:00&end=16:00");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("input[name='Input.Party'][value='External']").CheckAsync();
        await page.Locator("[name='Input.ExternalName']").FillAsync(organisation);
        await page.Locator("[name='Input.ExternalContact']").FillAsync("contact@detroit-numerique.ma");
        await page.Locator("[name='Input.ExternalIce']").FillAsync("001525874000087");
        await page.Locator("[name='Input.Attendees']").FillAsync("12");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#book-submit").ClickAsync();

        await page.ArriveAsync($"**{Rooms}?day={Iso(day)}");
        var booking = await LiveBookingAsync(room);
        Assert.Equal((BookingPartyKind.External, organisation, "001525874000087"), (booking.PartyKind, booking.ExternalName!, booking.ExternalIce!));
        Assert.Equal((SiteTime.Instant(day, 14 * 60), SiteTime.Instant(day, 16 * 60)), (booking.Start, booking.End));
        await Assertions.Expect(Visible(page, $"[data-booking=\"{booking.Id}\"]")).ToContainTextAsync(organisation);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Theory]
    [InlineData("ar", 1280, 900)]
    [InlineData("fr", 390, 844)]
    public async Task DayView_InArabicAndOnAPhone_ShowsTheBookingAndIsAxeClean(string language, int width, int height)
    {
        var day = FrozenBookingDay();
        var (room, _) = await RoomAsync(seats: 8);
        var companyId = (await Personas.CompaniesAsync(browser.App.Factory)).Resident;
        long bookingId;
        await using (var db = browser.App.Database.CreateContext())
        {
            var space = await db.Spaces.SingleAsync(s => s.Id == room);
            var settings = await db.RoomSettings.SingleAsync(s => s.SpaceId == room);
            var booking = Booking.Create(new BookableRoom(space, settings), BookingSlot.Of(day, new TimeOnly(9, 0), new TimeOnly(10, 30)),
                BookingParty.ForCompany(companyId), 3, "Point hebdomadaire", "room-journey", browser.App.Factory.Clock.GetUtcNow());
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            bookingId = booking.Id;
        }

        var page = await SignedInAsync(Persona.CompanyMember, language, width, height);
        await page.GotoAsync($"{Rooms}?day={Iso(day)}");
        if (language == "ar")
        {
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        }

        if (width >= 640)
        {
            await Assertions.Expect(Visible(page, $"[data-booking=\"{bookingId}\"]")).ToBeVisibleAsync();
            await Assertions.Expect(Visible(page, $"a.room-free[data-space=\"{room}\"][data-start=\"11:00\"]")).ToBeVisibleAsync();
        }
        else
        {
            // A phone gets the agenda list instead of the grid: the booking is there, the grid is not shown.
            await Assertions.Expect(Visible(page, $"[data-agenda-booking=\"{bookingId}\"]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"[data-booking=\"{bookingId}\"]:visible")).ToHaveCountAsync(0);
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>
    /// Freezes the app's clock at noon of its current day (the same day for every test of the class) and returns the first
    /// weekday at least three days later: bookable, well within the 2-hour cancellation notice.
    /// </summary>
    private DateOnly FrozenBookingDay()
    {
        var clock = browser.App.Factory.Clock;
        clock.SetToday(clock.Today());
        var day = clock.Today().AddDays(3);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>A meeting room of Tanger of the test's own (TestRooms' defaults: weekdays 08:00–19:00, 30 min to 8 h, 2 h notice).</summary>
    private async Task<(int Id, string Code)> RoomAsync(int seats)
    {
        var code = $"RJ-{Guid.NewGuid():N}"[..9].ToUpperInvariant();
        await using var db = browser.App.Database.CreateContext();
        return (await TestRooms.CreateAsync(db, "tanger", code, seats, SpaceKind.MeetingRoom), code);
    }

    private async Task<Booking> LiveBookingAsync(int room)
    {
        await using var db = browser.App.Database.CreateContext();
        return await db.Bookings.AsNoTracking().SingleAsync(b => b.SpaceId == room && b.CancelledAt == null);
    }

    /// <summary>The attachment of the latest email to <paramref name="email"/> that has one and names the room.</summary>
    private async Task<(string Name, byte[] Content)> AttachmentToAsync(string email, string code)
    {
        await using var db = browser.App.Database.CreateContext();
        var messages = await db.Outbox.AsNoTracking()
            .Where(m => m.To == email && m.AttachmentContent != null)
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Subject, m.TextBody, m.AttachmentName, m.AttachmentContent })
            .ToListAsync();
        var message = messages.FirstOrDefault(m => m.Subject.Contains(code, StringComparison.Ordinal) || m.TextBody.Contains(code, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No email with an attachment to {email} names {code} ({messages.Count} with an attachment).");
        return (message.AttachmentName!, message.AttachmentContent!);
    }

    private async Task<IPage> SignedInAsync(Persona persona, string language, int width, int height)
    {
        await Personas.EnsureAsync(browser.App.Factory, persona);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 640 });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignIn.LoginPath);
        await SignIn.SubmitAsync(page, Personas.Email(persona), Personas.Password);
        await page.ArriveAsync(url => !url.Contains(SignIn.LoginPath, StringComparison.Ordinal));
        return page;
    }

    /// <summary>The first visible element of <paramref name="selector"/> (the day view renders its grid and its phone agenda; CSS shows one).</summary>
    private static ILocator Visible(IPage page, string selector) => page.Locator(selector + ":visible").First;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
