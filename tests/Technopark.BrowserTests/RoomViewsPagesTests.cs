using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Rooms;
using Technopark.Web.Seeding;

namespace Technopark.BrowserTests;

/// <summary>
/// The demo resident reads the day view, a room's week and their bookings (up to the cancel confirmation), in French and
/// Arabic and on a phone, where the agenda list replaces the grid; no serious accessibility violation.
/// </summary>
public class RoomViewsPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string RoomCode = "BRW-VIEWS";
    private static readonly SemaphoreSlim Seeding = new(1, 1);

    [Theory]
    // French on a phone and Arabic (right to left) on a desktop cover French, Arabic and the phone layout; a third run found nothing the two miss and CI time is counted (as AccessibilitySweepTests).
    [InlineData(390, 844, "fr")]
    [InlineData(1280, 900, "ar")]
    public async Task Resident_DayWeekAndMine_ShowTheBookingAndPassAxe(int width, int height, string language)
    {
        var (room, booking, day) = await SeedAsync();
        var phone = width < 640;
        var context = await browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, DemoResidents.Owner);

        await page.GotoAsync($"/sites/tanger/rooms?day={day:yyyy-MM-dd}");
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        var grid = page.Locator("#room-grid");
        var agenda = page.Locator("#room-agenda");
        if (phone)
        {
            await Assertions.Expect(grid).ToBeHiddenAsync();
            await Assertions.Expect(agenda.Locator($"[data-agenda-booking='{booking}']")).ToBeVisibleAsync();
            await Assertions.Expect(agenda.Locator($"a[data-agenda-space='{room}'][data-agenda-start='08:00']")).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(agenda).ToBeHiddenAsync();
            await Assertions.Expect(grid.Locator($"[data-booking='{booking}']")).ToContainTextAsync("Démo des robots");
            await Assertions.Expect(grid.Locator($"a.room-free[data-space='{room}'][data-start='09:00']")).ToBeVisibleAsync();
        }

        await AssertFitsAndPassesAxeAsync(page, phone);

        if (phone)
        {
            await agenda.Locator($"[data-agenda='{RoomCode}'] h2 a").ClickAsync();
        }
        else
        {
            await grid.Locator($"a[data-week='{room}']").ClickAsync();
        }

        await page.ArriveAsync($"**/sites/tanger/rooms/{room}?week=*");
        await Assertions.Expect(page.Locator(phone ? $"[data-agenda-booking='{booking}']" : $"#room-grid [data-booking='{booking}']")).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(page, phone);

        await page.GotoAsync("/sites/tanger/rooms/mine");
        await page.Locator($"[data-cancel='{booking}']").ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-cancel")).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(page, phone);
        await page.Locator("#keep-booking").ClickAsync(); // the booking stays for the other runs
        await Assertions.Expect(page.Locator($"[data-cancel='{booking}']")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    /// <summary>A room of Tanger with a booking of the demo resident's company on a weekday a week ahead (once for the class).</summary>
    private async Task<(int Room, long Booking, DateOnly Day)> SeedAsync()
    {
        var day = browser.App.Factory.Clock.Today().AddDays(7);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        await Seeding.WaitAsync();
        try
        {
            await using var scope = browser.App.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
            var site = await db.Sites.Where(s => s.Slug == "tanger").Select(s => new SiteResource(s.Id, s.Slug)).SingleAsync();
            var room = await db.Spaces.Where(s => s.SiteId == site.SiteId && s.Code == RoomCode).Select(s => (int?)s.Id).SingleOrDefaultAsync()
                ?? await TestRooms.CreateAsync(db, "tanger", RoomCode, seats: 8);
            var existing = await db.Bookings.Where(b => b.SpaceId == room && b.CancelledAt == null).Select(b => (long?)b.Id).FirstOrDefaultAsync();
            if (existing is { } id)
            {
                return (room, id, day);
            }

            var company = await db.Companies.Where(c => c.LegalName == DemoResidents.ResidentCompany).Select(c => c.Id).SingleAsync();
            var saved = await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(site, new RoomAccess(true, false, []), "browser-test",
                new BookingRequest(room, new BookingSlot(day, 10 * 60, 11 * 60), BookingParty.ForCompany(company), 4, "Démo des robots"), CancellationToken.None);
            return (room, saved[0].Id, day);
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static async Task AssertFitsAndPassesAxeAsync(IPage page, bool phone)
    {
        if (phone)
        {
            var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
            var wide = await page.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0,6).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent||'').trim().slice(0,80)).join(' | ')");
            Assert.True(scroll <= client, $"{page.Url} is {scroll} px wide on a {client} px screen: {wide}");
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
