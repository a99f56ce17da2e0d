using Microsoft.Playwright;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.BrowserTests;

public class PublicPagesJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Visitor_OpensHome_FollowsTanger_SeesItsFacts_SwitchesToEnglish()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Equal(ResourceText.Of(browser.App.Factory, "Home.Title"), await page.Locator("h1").InnerTextAsync());
        Assert.Equal(9, await page.Locator(".site-card").CountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Technopark Tanger" }).ClickAsync();
        await page.ArriveAsync("**/sites/tanger");
        Assert.Equal("Technopark Tanger", await page.Locator("h1").InnerTextAsync());
        var facts = await page.Locator(".facts").InnerTextAsync();
        Assert.Contains(ResourceText.Of(browser.App.Factory, "Site.OpenedIn", Cultures.Default, 2015), facts, StringComparison.Ordinal);
        Assert.Contains("100 entreprises", facts, StringComparison.Ordinal);
        Assert.Contains("Maroc Numeric Fund", facts, StringComparison.Ordinal);
        var offices = page.Locator("#offer tbody tr", new() { HasText = "Bureau" });
        Assert.Equal("80", (await offices.Locator("td").First.InnerTextAsync()).Trim());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.EndsWith("/sites/tanger", page.Url, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(browser.App.Factory, "Site.OpenedIn", "en", 2015), await page.Locator(".facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(ResourceText.Of(browser.App.Factory, "Site.FreeNow", "en"), (await page.Locator("#offer thead th").Nth(3).InnerTextAsync()).Trim());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/");
        Assert.Equal(ResourceText.Of(browser.App.Factory, "Home.Title", "en"), await page.Locator("h1").InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Visitor_SwitchesToArabic_PageTurnsRightToLeft_AndStaysAccessible()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/sites/oujda");

        await page.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");

        Assert.EndsWith("/sites/oujda", page.Url, StringComparison.Ordinal);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("ar", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("جامعة محمد الأول", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Visitor_OnAPhone_OpensTheMenuAndReachesTheLanguages()
    {
        var context = await browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 375, Height = 740 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var english = page.GetByRole(AriaRole.Button, new() { Name = "English" });
        Assert.False(await english.IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher ou masquer le menu" }).ClickAsync();
        await english.WaitForAsync();

        Assert.True(await english.IsVisibleAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Visitor_UnknownSite_SeesAFriendlyNotFoundPage()
    {
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync("/sites/marrakech");

        Assert.Equal(404, response!.Status);
        Assert.Equal("Page introuvable", await page.Locator("h1").InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
