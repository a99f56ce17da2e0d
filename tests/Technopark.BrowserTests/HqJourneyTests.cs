using Microsoft.Playwright;

namespace Technopark.BrowserTests;

/// <summary>Network HQ: dashboard on another day, the trend chart, the KPIs and a CSV download; axe on every page.</summary>
public class HqJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NetworkAdmin_ChangesTheDay_SeesChartAndKpis_DownloadsCsv()
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };
        await SignIn.AsAsync(page, "hq@technopark.ma", "/hq");
        await Assertions.Expect(page.Locator("#hq-occupancy")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var today = await page.Locator("#hq-network-total").InnerTextAsync();

        // Another day: the table follows (before any site opened, nothing is occupied).
        await page.GetByLabel("Date").FillAsync("2000-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await page.ArriveAsync("**/hq?on=2000-01-01");
        await Assertions.Expect(page.Locator("#occupancy-title")).ToContainTextAsync("01/01/2000");
        Assert.NotEqual(today, await page.Locator("#hq-network-total").InnerTextAsync());
        await Assertions.Expect(page.Locator("#hq-tools a[href='/hq/staff']")).ToBeVisibleAsync();
        Assert.True(await AtTheEndAsync(page.Locator("#hq-occupancy tbody td").First), "Figures line up at the end of their cells.");
        Assert.True(await AtTheEndAsync(page.Locator("#hq-network-total td").Last));

        // The trend: a chart and its table.
        await page.GotoAsync("/hq/trend");
        await Assertions.Expect(page.Locator("canvas#trend-chart")).ToBeVisibleAsync();
        Assert.True(await page.Locator("canvas#trend-chart").EvaluateAsync<bool>("c => c.width > 0 && typeof Chart !== 'undefined' && Chart.getChart(c) !== undefined"));
        // The chart is drawn from the table: a line per site column, a point per month, each the rate its cell shows.
        Assert.Equal(string.Empty, await page.Locator("canvas#trend-chart").EvaluateAsync<string>("""
            c => {
              const chart = Chart.getChart(c), table = document.getElementById('trend-table');
              const sites = [...table.tHead.rows[0].cells].slice(1).map(h => h.textContent.trim());
              const rows = [...table.tBodies[0].rows];
              const wrong = [];
              if (chart.data.labels.join() !== rows.map(r => r.cells[0].textContent.trim()).join()) wrong.push('months ' + chart.data.labels.join());
              if (chart.data.datasets.map(d => d.label).join() !== sites.join()) wrong.push('sites ' + chart.data.datasets.map(d => d.label).join());
              chart.data.datasets.forEach((d, i) => d.data.forEach((v, m) => {
                const shown = rows[m].cells[i + 1].textContent;
                if ((v === null) !== !/\d/.test(shown) || (v !== null && !shown.replace(/\s/g, '').startsWith(String(v).replace('.', ',')))) wrong.push(`${d.label} ${chart.data.labels[m]}: ${v} for "${shown}"`);
              }));
              return wrong.slice(0, 5).join('; ');
            }
            """));
        await Assertions.Expect(page.Locator("#trend-table tbody tr")).ToHaveCountAsync(24);
        Assert.True(await AtTheEndAsync(page.Locator("#trend-table tbody td").Last));
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The KPIs, and the CSV export of the occupancy.
        await page.GotoAsync("/hq/kpis");
        await Assertions.Expect(page.Locator("#kpis dt")).ToHaveCountAsync(8);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GotoAsync("/hq");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-occupancy").ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Date;Site;Statut;Bureaux actifs;Bureaux occupés;", text, StringComparison.Ordinal);
        Assert.Contains("Technopark Tanger", text, StringComparison.Ordinal);
        Assert.StartsWith("occupation-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    /// <summary>Whether the cell's text ends where its content box ends (on the right, the page being in French).</summary>
    private static Task<bool> AtTheEndAsync(ILocator cell) => cell.EvaluateAsync<bool>("""
        td => {
            const text = document.createRange();
            text.selectNodeContents(td);
            const box = td.getBoundingClientRect();
            return Math.abs(box.right - parseFloat(getComputedStyle(td).paddingRight) - text.getBoundingClientRect().right) < 1;
        }
        """);
}
