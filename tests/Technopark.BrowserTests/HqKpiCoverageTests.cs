using Microsoft.Playwright;

namespace Technopark.BrowserTests;

/// <summary>The KPI page on a phone, in French and Arabic: each figure from declarations with its coverage, the validated/declared switch, the funds drill-down; axe clean.</summary>
public class HqKpiCoverageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("fr", "sur la base de", "Déclarations reçues")]
    [InlineData("ar", "بناءً على", "التصريحات الواردة")]
    public async Task KpiPage_CoverageAndModeSwitch_OnAPhone(string language, string basedOn, string declaredMode)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, "hq@technopark.ma");

        await page.GotoAsync("/hq/kpis?on=2026-06-15");

        foreach (var kpi in new[] { "Jobs", "Revenue", "Funds", "Survival" })
        {
            var coverage = page.Locator($"#kpi-coverage-{kpi}");
            await Assertions.Expect(coverage).ToContainTextAsync(basedOn);
            var covered = int.Parse(await coverage.GetAttributeAsync("data-covered") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
            var population = int.Parse(await coverage.GetAttributeAsync("data-population") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(covered, 0, population);
        }

        await Assertions.Expect(page.Locator("#kpi-mode")).ToHaveAttributeAsync("data-mode", "validated");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = declaredMode }).ClickAsync();
        await page.WaitForURLAsync("**/hq/kpis?on=2026-06-15&figures=declared");
        await Assertions.Expect(page.Locator("#kpi-mode")).ToHaveAttributeAsync("data-mode", "declared");
        await Assertions.Expect(page.Locator("#kpi-mode a[aria-current='page']")).ToHaveTextAsync(declaredMode);
        await Assertions.Expect(page.Locator("#kpi-coverage-Jobs")).ToContainTextAsync(basedOn);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.Locator("#kpis a[data-kpi='Funds']").ClickAsync();
        await page.WaitForURLAsync("**/hq/kpis/funds?on=2026-06-15&figures=declared");
        await Assertions.Expect(page.Locator("#kpi-companies")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
