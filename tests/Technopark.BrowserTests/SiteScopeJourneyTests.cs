using Microsoft.Playwright;
using Technopark.Infrastructure;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.BrowserTests;

public class SiteScopeJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TangerManager_SignsIn_SeesTangerOnly_AndAnOujdaUrlShowsA403Page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(SignIn.LoginPath + "?returnUrl=%2Fmanage%2Ftanger");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await SignIn.SubmitAsync(page, "manager.tanger@technopark.ma");

        await page.ArriveAsync("**/manage/tanger");
        Assert.Equal(ResourceText.Of(browser.App.Factory, "Manage.Title", Cultures.Default, "Technopark Tanger"), await page.Locator("h1").InnerTextAsync());
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = ResourceText.Of(browser.App.Factory, "Layout.MainNav") });
        Assert.Equal(1, await navigation.GetByRole(AriaRole.Link, new() { Name = "Technopark Tanger" }).CountAsync());
        Assert.Equal(0, await navigation.GetByRole(AriaRole.Link, new() { Name = "Technopark Oujda" }).CountAsync());
        Assert.Equal(0, await page.Locator("a[href^='/manage/oujda']").CountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var response = await page.GotoAsync("/manage/oujda");

        Assert.Equal(403, response!.Status);
        Assert.Equal(ResourceText.Of(browser.App.Factory, "Status.403.Title"), await page.Locator("h1").InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task WrongPassword_ShowsTheGenericMessage_AndKeepsTheEmail()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(SignIn.LoginPath);

        await SignIn.SubmitAsync(page, "manager.oujda@technopark.ma", "not-the-password");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(ResourceText.Account(browser.App.Factory, "Login.Failed"));
        Assert.Equal("manager.oujda@technopark.ma", await page.GetByLabel("Adresse e-mail").InputValueAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task TangerManager_BoardAndInventory_WorkByKeyboardAndPassAxe()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "manager.tanger@technopark.ma", "/manage/tanger/board");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var nextYear = browser.App.Factory.Clock.Today().Year + 1;
        await page.GetByLabel("Jour").FillAsync($"{nextYear}-06-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(page.Locator("#board-summary")).ToContainTextAsync($"Le 15/06/{nextYear}");
        Assert.True(await page.Locator("#board-compact tr[data-code]").CountAsync() > 50); // a big site opens in the compact view

        await page.GotoAsync("/manage/tanger/spaces");
        Assert.Equal("Espaces — Technopark Tanger", await page.Locator("h1").InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un espace" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
