using Microsoft.Playwright;
using Technopark.TestSupport;
using Technopark.Web.Seeding;

namespace Technopark.BrowserTests;

/// <summary>
/// Tanger's demo manager edits the demo meeting room's booking settings in the inventory and reads the rooms' monthly usage,
/// in French and Arabic and on a phone: axe clean, nothing wider than the screen.
/// </summary>
public class RoomAdminPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    // French on a phone and Arabic (right to left) on a desktop cover French, Arabic and the phone layout; a third run found nothing the two miss and CI time is counted (as AccessibilitySweepTests).
    [InlineData(390, 844, "fr")]
    [InlineData(1280, 900, "ar")]
    public async Task Manager_RoomSettingsAndUsagePages_PassAxeAndFitTheScreen(int width, int height, string language)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, "manager.tanger@technopark.ma");
        string Text(string key) => ResourceText.Of(browser.App.Factory, key, language);

        await page.GotoAsync("/manage/tanger/spaces?kind=MeetingRoom");
        await page.Locator("#spaces tr:has(th:text-is('MR-1')) a[href*='/spaces/edit/']").ClickAsync();
        await page.ArriveAsync(new System.Text.RegularExpressions.Regex("/spaces/edit/[0-9]+$"));
        var settings = page.Locator("#room-settings");
        await Assertions.Expect(settings).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("label[for='Input_Seats']")).ToHaveTextAsync(Text("RoomsAdmin.Capacity"));
        await Assertions.Expect(page.Locator("#Input_Hours_Monday_Opens")).ToHaveValueAsync("08:00");
        await Assertions.Expect(page.Locator("#Input_Equipment_VideoConference")).ToBeCheckedAsync();
        await AssertFitsAndPassesAxeAsync(page);

        await page.Locator("#Input_Kind").SelectOptionAsync("Office");
        await Assertions.Expect(settings).ToBeHiddenAsync();
        await page.Locator("#Input_Kind").SelectOptionAsync("MeetingRoom");
        await Assertions.Expect(settings).ToBeVisibleAsync();

        await page.Locator("#Input_Hours_Saturday_Opens").FillAsync("10:00");
        await page.Locator("#Input_Hours_Saturday_Closes").FillAsync("");
        await page.Locator("#room-settings ~ div button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Hours_Saturday-error")).ToHaveTextAsync(Text("RoomsAdmin.Hours.Incomplete"));
        await AssertFitsAndPassesAxeAsync(page);

        await page.GotoAsync("/manage/tanger");
        await page.GetByRole(AriaRole.Link, new() { Name = Text("RoomsAdmin.Short") }).ClickAsync();
        await page.ArriveAsync("**/manage/tanger/rooms");
        Assert.Equal(3, await page.Locator("#room-totals tbody tr").CountAsync()); // MR-1, CONF, TR-1
        var babBahr = page.Locator("#company-use tbody tr", new() { HasText = DemoResidents.ResidentCompany }).Filter(new() { HasText = "MR-1" });
        Assert.NotEqual("0", await babBahr.GetAttributeAsync("data-billable"));
        await Assertions.Expect(page.Locator("#day-title")).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(page);

        await page.Locator("#previous-month").ClickAsync();
        await page.ArriveAsync("**/manage/tanger/rooms?month=*");
        await AssertFitsAndPassesAxeAsync(page);
        await context.CloseAsync();
    }

    private static async Task AssertFitsAndPassesAxeAsync(IPage page)
    {
        var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scroll <= client, $"{page.Url} is {scroll} px wide on a {client} px screen");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
