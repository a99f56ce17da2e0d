using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Technopark.BrowserTests;

/// <summary>
/// The one way the browser tests wait for the page a click or a form leads to. Playwright's <c>WaitForURLAsync</c> waits
/// for the URL, then for the new document's "load" event; on this loaded 2-core machine that second wait has been seen to
/// never return with the browser already on the right page and the network idle (a CI run failed on the board after an
/// assignment that way). Arrived here means the URL matches and the document is parsed; a timeout says where the browser
/// is and what the page says instead of only "timeout".
/// </summary>
public static class Navigation
{
    private static readonly PageWaitForURLOptions Parsed = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    /// <summary>Waits for a URL matching <paramref name="glob"/>: <c>**</c> any characters, <c>*</c> any but '/', the rest literal.</summary>
    public static Task ArriveAsync(this IPage page, string glob) => page.ArriveAsync(Glob(glob), glob);

    public static Task ArriveAsync(this IPage page, Regex url) => page.ArriveAsync(url.IsMatch, url.ToString());

    public static async Task ArriveAsync(this IPage page, Func<string, bool> url, string? what = null)
    {
        try
        {
            await page.WaitForURLAsync(url, Parsed);
        }
        catch (TimeoutException e)
        {
            if (url(page.Url) && await page.EvaluateAsync<string>("document.readyState") != "loading")
            {
                return; // on the page with its document parsed, though the wait missed the moment
            }

            var title = await page.TitleAsync();
            var alerts = await page.Locator("[role=alert], [role=status], .validation-summary-errors, .text-danger").AllInnerTextsAsync();
            throw new TimeoutException(
                $"Did not reach {what ?? "the expected page"}: the browser is on {page.Url} (\"{title}\"), showing: {string.Join(" | ", alerts.Where(a => a.Length > 0))}", e);
        }
    }

    /// <summary>The glob as a regular expression matching whole URLs.</summary>
    public static Func<string, bool> Glob(string glob)
    {
        var pattern = Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal);
        var regex = new Regex("^" + pattern + "$", RegexOptions.CultureInvariant);
        return regex.IsMatch;
    }
}
