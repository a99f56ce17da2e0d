using Microsoft.Playwright;

namespace Technopark.BrowserTests;

/// <summary>The KPI page on a phone, in French and Arabic: each figure from declarations with its coverage, the validated/declared switch, the funds drill-down; axe clean.</summary>
public class HqKpiCoverageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public async Task KpiPage_CoverageAndModeSwitch_OnAPhone(string language)
    {
        var declaredMode = Technopark.TestSupport.ResourceText.Of(browser.App.Factory, "Kpi.Mode.Declared", language);
        var context = await browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, "hq@technopark.ma");

        await page.GotoAsync("/hq/kpis?on=2026-06-15");

        foreach (var kpi in new[] { "Jobs", "Revenue", "Funds", "Survival" })
        {
            var coverage = page.Locator($"#kpi-coverage-{kpi}");
            var covered = int.Parse(await coverage.GetAttributeAsync("data-covered") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
            var population = int.Parse(await coverage.GetAttributeAsync("data-population") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(covered, 0, population);
            await Assertions.Expect(coverage).ToHaveTextAsync(Coverage(language, covered, population));
        }

        await Assertions.Expect(page.Locator("#kpi-mode")).ToHaveAttributeAsync("data-mode", "validated");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = declaredMode }).ClickAsync();
        await page.ArriveAsync("**/hq/kpis?on=2026-06-15&figures=declared");
        await Assertions.Expect(page.Locator("#kpi-mode")).ToHaveAttributeAsync("data-mode", "declared");
        await Assertions.Expect(page.Locator("#kpi-mode a[aria-current='page']")).ToHaveTextAsync(declaredMode);
        await Assertions.Expect(page.Locator("#kpi-coverage-Jobs")).ToHaveAttributeAsync("data-covered", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.Locator("#kpis a[data-kpi='Funds']").ClickAsync();
        await page.ArriveAsync("**/hq/kpis/funds?on=2026-06-15&figures=declared");
        await Assertions.Expect(page.Locator("#kpi-companies")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>The coverage sentence as the page writes it: counts with the app's number format, whatever the language.</summary>
    private string Coverage(string language, int covered, int population)
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = culture;
        try
        {
            return Technopark.TestSupport.ResourceText.Of(browser.App.Factory, "Kpi.Coverage", language,
                Technopark.Web.Localization.Display.Count(covered), Technopark.Web.Localization.Display.Count(population));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
