using Microsoft.Playwright;
using Technopark.Infrastructure;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>
/// HQ opens Khémisset from /hq/sites with today's date (confirmed) and sees it operational on the home page and on /hq; the site
/// pages (/hq/sites, /hq/sites/new with a field error, /hq/sites/khemisset) are axe clean in French and Arabic on a desktop and on
/// a phone. One app and one browser for the class.
/// </summary>
public class SiteAdminPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Hq = "hq@technopark.ma";

    [Fact]
    public async Task Hq_OpensKhemissetToday_ItIsOperationalOnTheHomePageAndOnHq()
    {
        var today = browser.App.Factory.Clock.Today();
        var page = await PageAsync("fr", 1280, 900);
        var errors = new List<string>();
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };
        await SignIn.AsAsync(page, Hq, "/hq/sites");
        await Assertions.Expect(page.Locator("#sites-admin")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.Locator("#sites-admin tr[data-slug='khemisset'] a").ClickAsync();
        await page.ArriveAsync("**/hq/sites/khemisset");
        await Assertions.Expect(page.Locator("#site-lifecycle")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.Locator("#OpenOn").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#confirm-open").CheckAsync();
        await page.Locator("#open-site").ClickAsync();
        await Assertions.Expect(page.Locator("#site-message[role='status']")).ToHaveTextAsync(ResourceText.Of(browser.App.Factory, "SitesAdmin.StatusSaved"));
        await Assertions.Expect(page.Locator("#site-status")).ToHaveTextAsync(ResourceText.Of(browser.App.Factory, "SiteStatus.Operational"));
        await Assertions.Expect(page.Locator("#site-opened-on")).ToHaveTextAsync(Display(today));
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/");
        var card = page.Locator("article.site-card[data-slug='khemisset']");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "Operational");
        await Assertions.Expect(card.Locator(".badge")).ToHaveTextAsync(ResourceText.Of(browser.App.Factory, "SiteStatus.Operational"));

        await page.GotoAsync("/hq");
        var row = page.Locator("#hq-occupancy tr[data-slug='khemisset']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Operational");
        await Assertions.Expect(row.Locator("td[data-label]").First).ToBeVisibleAsync(); // its figures, not "not open"
        await Assertions.Expect(page.Locator("#hq-admin-sites")).ToHaveAttributeAsync("href", "/hq/sites");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("ar", 1280, 900)] // Arabic, right to left, on a desktop
    [InlineData("fr", 390, 844)] // French on a phone
    public async Task SitePages_AreAxeClean_InArabicAndOnAPhone(string language, int width, int height)
    {
        var page = await PageAsync(language, width, height);
        await SignIn.AsAsync(page, Hq);
        await Accessibility.CheckPageAsync(page, "/hq/sites", language, width);
        await Accessibility.CheckPageAsync(page, "/hq/sites/khemisset", language, width);
        await Accessibility.CheckPageAsync(page, "/hq/sites/new", language, width);

        // The new site form with a field error: a slug of the wrong shape.
        await page.Locator("#Input_Slug").FillAsync("Pas un identifiant");
        await page.Locator("#Input_Name").FillAsync("Technopark Nador");
        await page.Locator("#Input_City").FillAsync("Nador");
        await page.Locator("#Input_Region").FillAsync("Oriental");
        await page.Locator("#new-site-form button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Slug-error")).ToHaveTextAsync(ResourceText.Of(browser.App.Factory, "Site.SlugInvalid", language));
        await Accessibility.AssertCleanAsync(page, width);
        await page.Context.CloseAsync();
    }

    private static string Display(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A page in its own context, in <paramref name="language"/>.</summary>
    private async Task<IPage> PageAsync(string language, int width, int height)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 640 });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        return await context.NewPageAsync();
    }
}
