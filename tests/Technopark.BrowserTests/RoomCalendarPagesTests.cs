using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.TestSupport;
using Technopark.Web.Seeding;

namespace Technopark.BrowserTests;

/// <summary>
/// The calendars page (/sites/tanger/rooms/calendars): the demo's resident owner creates their company's feed URL and
/// asks for a new one (the confirmation first); the site's manager sees each room's URL. French, Arabic, a phone; axe clean.
/// </summary>
public class RoomCalendarPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Path = "/sites/tanger/rooms/calendars";

    [Theory]
    // French on a phone and Arabic (right to left) on a desktop cover French, Arabic and the phone layout; a third run found nothing the two miss and CI time is counted (as AccessibilitySweepTests).
    [InlineData(390, 844, "fr")]
    [InlineData(1280, 900, "ar")]
    public async Task Calendars_ResidentAndManager_SeeTheirFeedUrlsAndPassAxe(int width, int height, string language)
    {
        await EnsureRoomAsync();
        string Text(string key, params object[] arguments) => ResourceText.Of(browser.App.Factory, key, language, arguments);

        var resident = await PageAsync(width, height, language);
        await SignIn.AsAsync(resident, DemoResidents.Owner, Path);
        Assert.Equal(language, await resident.Locator("html").GetAttributeAsync("lang"));
        var company = resident.Locator("#company-feeds [data-company]").Filter(new() { HasText = DemoResidents.ResidentCompany });
        var create = company.GetByRole(AriaRole.Button, new() { Name = Text("RoomsCal.CreateOf", DemoResidents.ResidentCompany) });
        if (await create.CountAsync() > 0)
        {
            await AssertFitsAndPassesAxeAsync(resident);
            await create.ClickAsync();
            await Assertions.Expect(resident.Locator("#status")).ToBeVisibleAsync();
        }

        var url = company.Locator("input.feed-url");
        var before = await url.InputValueAsync();
        Assert.Matches("/company/[0-9]+/feed/[A-Za-z0-9_-]{32}\\.ics$", before);
        await company.GetByRole(AriaRole.Button, new() { Name = Text("RoomsCal.RegenerateOf", DemoResidents.ResidentCompany) }).ClickAsync();
        await Assertions.Expect(resident.Locator("#confirm")).ToBeVisibleAsync();
        Assert.Equal(before, await url.InputValueAsync()); // nothing changed before the confirmation
        await AssertFitsAndPassesAxeAsync(resident);
        await resident.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = Text("RoomsCal.ConfirmButton") }).ClickAsync();
        await Assertions.Expect(resident.Locator("#status")).ToBeVisibleAsync();
        Assert.NotEqual(before, await company.Locator("input.feed-url").InputValueAsync());
        await resident.Context.CloseAsync();

        var manager = await PageAsync(width, height, language);
        await SignIn.AsAsync(manager, "manager.tanger@technopark.ma", Path);
        var room = manager.Locator("#room-feeds [data-room]").Filter(new() { HasText = "MR-CAL" });
        Assert.Matches("/sites/tanger/rooms/[0-9]+/feed/[A-Za-z0-9_-]{32}\\.ics$", await room.Locator("input.feed-url").InputValueAsync());
        await Assertions.Expect(room.GetByRole(AriaRole.Button, new() { Name = Text("RoomsCal.RegenerateOf", "MR-CAL") })).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(manager);
        await manager.Context.CloseAsync();
    }

    private async Task<IPage> PageAsync(int width, int height, string language)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        return await context.NewPageAsync();
    }

    /// <summary>A bookable room of Tanger whatever the demo data holds.</summary>
    private async Task EnsureRoomAsync()
    {
        await using var db = browser.App.Database.CreateContext();
        if (!await db.Spaces.AnyAsync(s => s.Code == "MR-CAL"))
        {
            await TestRooms.CreateAsync(db, "tanger", "MR-CAL");
        }
    }

    private static async Task AssertFitsAndPassesAxeAsync(IPage page)
    {
        var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scroll <= client, $"{page.Url} is {scroll} px wide on a {client} px screen");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
