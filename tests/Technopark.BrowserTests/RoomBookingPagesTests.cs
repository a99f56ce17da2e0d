using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.BrowserTests;

/// <summary>The booking form and the free-slot finder in a browser: a manager books for an outside organisation; a resident finds a room on a phone, in Arabic, and books it.</summary>
public class RoomBookingPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Manager_BooksForAnOutsideOrganisation_AndIsSentToTheDayView()
    {
        var room = await RoomAsync("BR-EXT", 20, RoomEquipment.Screen);
        var day = NextWeekday();
        var page = await browser.NewPageAsync();
        var form = $"/sites/tanger/rooms/book?space={room}&day={Display.Iso(day)}&start=10:00&end=11:30";
        await SignIn.AsAsync(page, "manager.tanger@technopark.ma", form);
        await Assertions.Expect(page.Locator("#room-facts")).ToContainTextAsync("BR-EXT");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.Locator("#party-External").CheckAsync();
        await Assertions.Expect(page.Locator("#Input_CompanyId")).ToBeHiddenAsync(); // only the chosen party's fields show
        await page.Locator("#Input_ExternalName").FillAsync("Association Tanger Tech");
        await page.Locator("#Input_ExternalContact").FillAsync("contact@tangertech.ma");
        await page.Locator("#Input_ExternalIce").FillAsync("001234567000089");
        await page.Locator("#Input_Attendees").FillAsync("12");
        await page.Locator("#book-submit").ClickAsync();

        await page.ArriveAsync($"**/sites/tanger/rooms?day={Display.Iso(day)}");
        await using var db = browser.App.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync(b => b.SpaceId == room);
        Assert.Equal((BookingPartyKind.External, "Association Tanger Tech", "001234567000089", 12),
            (booking.PartyKind, booking.ExternalName, booking.ExternalIce, booking.Attendees));
    }

    [Fact]
    public async Task Manager_SlotTakenMeanwhile_OneClickBooksAnOfferedSlotForTheSameOrganisation()
    {
        var room = await RoomAsync("BR-TAKEN", 20, RoomEquipment.Screen);
        var day = NextWeekday();
        var page = await browser.NewPageAsync();
        var form = $"/sites/tanger/rooms/book?space={room}&day={Display.Iso(day)}&start=10:00&end=11:00";
        await SignIn.AsAsync(page, "manager.tanger@technopark.ma", form);
        await page.Locator("#party-Site").CheckAsync();
        await page.Locator("#book-submit").ClickAsync();
        await page.ArriveAsync($"**/sites/tanger/rooms?day={Display.Iso(day)}");

        await page.GotoAsync(form);
        await page.Locator("#party-External").CheckAsync();
        await page.Locator("#Input_ExternalName").FillAsync("Club Robotique du Détroit");
        await page.Locator("#Input_Attendees").FillAsync("6");
        await page.Locator("#book-submit").ClickAsync();
        var offered = page.Locator("#nearest-slots button[data-slot]").First;
        await Assertions.Expect(offered).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var start = await offered.GetAttributeAsync("data-slot");
        await offered.ClickAsync();

        await page.ArriveAsync($"**/sites/tanger/rooms?day={Display.Iso(day)}");
        await using var db = browser.App.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync(b => b.SpaceId == room && b.PartyKind == BookingPartyKind.External);
        Assert.Equal(("Club Robotique du Détroit", 6, start), (booking.ExternalName, booking.Attendees,
            Technopark.Web.Localization.Display.Clock(booking.Start)));
    }

    [Fact]
    public async Task Resident_FindsARoomOnAPhoneInArabic_AndBooksIt()
    {
        var room = await RoomAsync("BR-FIND", 8, RoomEquipment.Screen | RoomEquipment.VideoConference);
        await RoomAsync("BR-SMALL", 4, RoomEquipment.Screen | RoomEquipment.VideoConference);
        var day = NextWeekday();
        var context = await browser.NewContextAsync(new() { Locale = "ar", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c%3Dar%7Cuic%3Dar", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        var finder = $"/sites/tanger/rooms/find?day={Display.Iso(day)}&from=14:00&to=18:00&people=8&minutes=60&equipment=VideoConference";
        await SignIn.AsAsync(page, "resident@technopark.ma", finder);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("#find-room-BR-SMALL")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.Locator("#find-room-BR-FIND [data-book-link]").First.ClickAsync();
        await page.ArriveAsync("**/sites/tanger/rooms/book?*");
        await Assertions.Expect(page.Locator("#Input_Start")).ToHaveValueAsync("14:00");
        await Assertions.Expect(page.Locator("#book-for")).ToContainTextAsync("Bab Bahr Robotics SARL");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#book-submit").ClickAsync();

        await page.ArriveAsync($"**/sites/tanger/rooms?day={Display.Iso(day)}");
        await using var db = browser.App.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync(b => b.SpaceId == room);
        var company = await db.Companies.Where(c => c.LegalName == "Bab Bahr Robotics SARL").Select(c => c.Id).SingleAsync();
        Assert.Equal((BookingPartyKind.Company, company, 8), (booking.PartyKind, booking.CompanyId ?? 0, booking.Attendees));
        Assert.Equal(Technopark.Domain.Common.SiteTime.Instant(day, 14 * 60), booking.Start);
    }

    /// <summary>A weekday (the rooms' default hours) a week or more after the app's today.</summary>
    private DateOnly NextWeekday()
    {
        var day = browser.App.Factory.Clock.Today().AddDays(7);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private async Task<int> RoomAsync(string code, int seats, RoomEquipment equipment)
    {
        await using var db = browser.App.Database.CreateContext();
        return await TestRooms.CreateAsync(db, "tanger", code, seats, adjust: s => s.Set(equipment: equipment));
    }
}
