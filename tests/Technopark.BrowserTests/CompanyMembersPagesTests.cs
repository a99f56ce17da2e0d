using Microsoft.Playwright;
using Technopark.TestSupport;
using Technopark.Web.Seeding;

namespace Technopark.BrowserTests;

/// <summary>The demo's resident owner reaches their company from the menu: the list, the company's page and its team, in French and Arabic and on a phone.</summary>
public class CompanyMembersPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    // French on a phone and Arabic (right to left) on a desktop cover French, Arabic and the phone layout; a third run found nothing the two miss and CI time is counted (as AccessibilitySweepTests).
    [InlineData(390, 844, "fr")]
    [InlineData(1280, 900, "ar")]
    public async Task ResidentOwner_CompanyListPageAndTeam_PassAxeAndFitTheScreen(int width, int height, string language)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, DemoResidents.Owner);
        string Text(string key) => ResourceText.Of(browser.App.Factory, key, language);

        await page.GotoAsync("/company");
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(Text("CompanyPage.MineTitle"), await page.Locator("h1").InnerTextAsync());
        await AssertFitsAndPassesAxeAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = DemoResidents.ResidentCompany }).ClickAsync();
        await page.ArriveAsync(new System.Text.RegularExpressions.Regex("/company/[0-9]+$"));
        Assert.Equal(DemoResidents.ResidentCompany, await page.Locator("h1").InnerTextAsync());
        Assert.Equal(Text("CompanyPage.Title"), await page.Locator("h2").First.InnerTextAsync());
        Assert.Equal(1, await page.Locator("#current-assignments tbody tr").CountAsync());
        await AssertFitsAndPassesAxeAsync(page);

        await page.Locator("#company-tabs a[data-tab='Team']").ClickAsync();
        await page.ArriveAsync("**/team");
        Assert.Equal(2, await page.Locator("#members tbody tr").CountAsync());
        await Assertions.Expect(page.Locator("#invitations")).ToContainTextAsync(DemoResidents.Invited);
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
