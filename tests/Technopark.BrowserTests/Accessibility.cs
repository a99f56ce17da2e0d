using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Technopark.BrowserTests;

public static class Accessibility
{
    /// <summary>
    /// Every rule runs; only the violations come back in full (axe's resultTypes: the passes, incomplete and inapplicable
    /// lists then carry one node each instead of every node checked, which made each run seconds slower on large pages).
    /// </summary>
    private static readonly AxeRunOptions Options = new() { ResultTypes = [ResultType.Violations] };

    /// <summary>Runs axe on the page and fails on any serious or critical violation, naming them.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Options);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {page.Url}:\n" + string.Join("\n", serious.Select(Describe)));
    }

    /// <summary>Opens the page (it must answer 200), checks its direction for <paramref name="language"/>, then axe and the width.</summary>
    public static async Task CheckPageAsync(IPage page, string path, string language, int width)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Status: 200 }, $"GET {path} answered {response?.Status}.");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", language == "ar" ? "rtl" : "ltr");
        await AssertCleanAsync(page, width);
    }

    /// <summary>axe with no serious violation and, on a phone (narrower than 640 px), no sideways scrolling.</summary>
    public static async Task AssertCleanAsync(IPage page, int width)
    {
        await AssertNoSeriousViolationsAsync(page);
        if (width < 640)
        {
            var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
            Assert.True(scrollWidth <= innerWidth, $"{page.Url} scrolls sideways on a phone: {scrollWidth} px wide for {innerWidth} px.");
        }
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}";
}
