using Microsoft.Playwright;

namespace Technopark.BrowserTests;

/// <summary>Pages full of figures stay readable: HQ's tables on a phone, a big site's board on a laptop.</summary>
public class LayoutAtScaleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public async Task HqTables_OnAPhone_ShowEveryColumnAndWholeCaptions(string language)
    {
        var page = await SignedInPageAsync("hq@technopark.ma", 390, 844, language);

        await page.GotoAsync("/hq");

        foreach (var table in new[] { "#hq-occupancy", "#hq-pipeline" })
        {
            var layout = await page.Locator(table).EvaluateAsync<TableLayout>("""
                t => {
                  const vw = document.documentElement.clientWidth;
                  const cells = [...t.querySelectorAll('tbody td, tbody th, tfoot td, tfoot th')];
                  const outside = cells.filter(c => { const r = c.getBoundingClientRect(); return r.width === 0 || r.left < -1 || r.right > vw + 1; })
                    .map(c => `${c.closest('tr').innerText.split('\n')[0]}: ${c.innerText} (${Math.round(c.getBoundingClientRect().left)}–${Math.round(c.getBoundingClientRect().right)})`);
                  const caption = t.querySelector('caption');
                  const cr = caption.getBoundingClientRect();
                  const first = t.querySelector('tbody tr').getBoundingClientRect();
                  const headers = [...t.tHead.rows[0].cells].map(h => h.textContent.trim());
                  const unlabelled = [...t.querySelectorAll('tbody td, tfoot td')].filter(c => c.colSpan === 1 && c.dataset.label !== headers[c.cellIndex])
                    .map(c => `${c.closest('tr').innerText.split('\n')[0]}: ${c.innerText} labelled "${c.dataset.label}"`);
                  return {
                    stacked: t.classList.contains('table-stack'),
                    unlabelled: unlabelled.slice(0, 5).join('; '),
                    cells: cells.length,
                    outside: outside.slice(0, 5).join('; '),
                    captionClipped: cr.left < -1 || cr.right > vw + 1 || caption.scrollWidth > caption.clientWidth + 1 || caption.scrollHeight > caption.clientHeight + 1,
                    gap: Math.round(first.top - cr.bottom),
                  };
                }
                """);

            Assert.True(layout.Cells > 0, $"{table}: no cells");
            Assert.True(layout.Stacked, $"{table} ({language}): not stacked");
            Assert.True(layout.Unlabelled.Length == 0, $"{table} ({language}): figures without their column's label: {layout.Unlabelled}");
            Assert.True(layout.Outside.Length == 0, $"{table} ({language}): cells outside the 390 px screen: {layout.Outside}");
            Assert.False(layout.CaptionClipped, $"{table} ({language}): caption clipped");
            Assert.InRange(layout.Gap, -1, 40);
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task HqTables_OnAPhoneWithoutJavaScript_ScrollSidewaysInsideThePage()
    {
        var page = await SignedInPageAsync("hq@technopark.ma", 390, 844, "fr", javaScript: false);

        await page.GotoAsync("/hq");

        var (width, screen) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(width <= screen, $"/hq without JavaScript is {width} px wide on a {screen} px screen");
        foreach (var table in new[] { "#hq-occupancy", "#hq-pipeline" })
        {
            // A table as on a laptop, in its region that scrolls (its shadow shows there is more), the caption whole on the screen.
            Assert.False(await page.Locator(table).EvaluateAsync<bool>("t => t.classList.contains('table-stack')"), $"{table} stacked without its labels");
            Assert.True(await page.Locator(table).EvaluateAsync<bool>("t => t.parentElement.scrollWidth > t.parentElement.clientWidth"), $"{table} does not scroll");
            Assert.True(await page.Locator(table).EvaluateAsync<bool>(
                "t => { const c = t.querySelector('caption .caption-text').getBoundingClientRect(); return c.left >= 0 && c.right <= document.documentElement.clientWidth; }"),
                $"{table}: caption off the screen");
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public async Task HqPages_OnAPhone_NeverWiderThanTheScreen_TrendCaptionWhole(string language)
    {
        var page = await SignedInPageAsync("hq@technopark.ma", 390, 844, language);

        foreach (var url in new[] { "/hq", "/hq/trend", "/hq/kpis", "/hq/kpis/survival", "/hq/staff" })
        {
            await page.GotoAsync(url);
            var (width, screen) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
            Assert.True(width <= screen, $"{url} ({language}) is {width} px wide on a {screen} px screen");
        }

        // The trend table scrolls sideways; its caption stays on screen, wrapped, wherever the table is scrolled to.
        await page.GotoAsync("/hq/trend");
        const string Caption = "t => { const c = t.querySelector('caption .caption-text').getBoundingClientRect(); return c.left >= 0 && c.right <= document.documentElement.clientWidth; }";
        Assert.True(await page.Locator("#trend-table").EvaluateAsync<bool>(Caption));
        await page.Locator("#trend-table").EvaluateAsync("t => t.parentElement.scrollLeft = (document.dir === 'rtl' ? -1 : 1) * 300");
        Assert.True(await page.Locator("#trend-table").EvaluateAsync<bool>(Caption));
    }

    [Fact]
    public async Task Board_BigSite_OpensCompactAndStaysShort()
    {
        var page = await SignedInPageAsync("manager.tanger@technopark.ma", 1366, 768, "fr");

        await page.GotoAsync("/manage/tanger/board");

        await Assertions.Expect(page.Locator("#board-compact")).ToBeVisibleAsync();
        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        Assert.True(height < 2500, $"The Tanger board is {height} px tall");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The coworking space folds its occupants away: opening it shows them.
        var coworking = page.Locator("#board-compact tr[data-code='CW-1']");
        await Assertions.Expect(coworking.Locator(".board-occupants a").First).ToBeHiddenAsync();
        await coworking.Locator(".board-occupants summary").ClickAsync();
        await Assertions.Expect(coworking.Locator(".board-occupants a").First).ToBeVisibleAsync();

        await page.Locator("#board-views a[data-view='tiles']").ClickAsync();
        await page.ArriveAsync("**view=tiles**");
        await Assertions.Expect(page.Locator("article.board-tile").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private async Task<IPage> SignedInPageAsync(string email, int width, int height, string language, bool javaScript = true)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = width, Height = height }, JavaScriptEnabled = javaScript });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, email);
        return page;
    }

    private sealed class TableLayout
    {
        public bool Stacked { get; set; }

        public string Unlabelled { get; set; } = string.Empty;

        public int Cells { get; set; }

        public string Outside { get; set; } = string.Empty;

        public bool CaptionClipped { get; set; }

        public int Gap { get; set; }
    }
}
