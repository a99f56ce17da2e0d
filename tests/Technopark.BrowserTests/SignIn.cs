using Microsoft.Playwright;
using Technopark.Web.Seeding;

namespace Technopark.BrowserTests;

/// <summary>
/// The one way the browser tests sign in: the demo accounts' password, and the login form's field ids
/// (not their labels, which change with the language of the page).
/// </summary>
public static class SignIn
{
    public const string LoginPath = "/Identity/Account/Login";

    /// <summary>The demo accounts' password (the default of <see cref="DemoAccounts"/>).</summary>
    public const string Password = DemoAccounts.DefaultPassword;

    /// <summary>Opens the login page (with <paramref name="returnUrl"/>), signs in and waits until the app has sent the person on.</summary>
    public static async Task AsAsync(IPage page, string email, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? LoginPath : LoginPath + "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await SubmitAsync(page, email);
        try
        {
            // Arrived once the next page's document is parsed: waiting for its "load" event too has been seen to time out once
            // in a while on this loaded 2-core machine with the browser already on the right page (a subresource still coming).
            var arrived = new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded };
            if (returnUrl is null)
            {
                await page.WaitForURLAsync(url => !url.Contains(LoginPath, StringComparison.Ordinal), arrived);
            }
            else
            {
                await page.WaitForURLAsync("**" + returnUrl, arrived);
            }
        }
        catch (TimeoutException e)
        {
            if (await ArrivedAsync(page, returnUrl))
            {
                // The browser is on the expected page with its document parsed, though the wait missed the moment (seen once on a
                // loaded 2-core machine: the wait for the load state of a navigation that had already ended never returned).
                return;
            }

            // Say where the browser is and what the page says (a refused sign-in, an error page), not only "timeout".
            var title = await page.TitleAsync();
            var alerts = await page.Locator("[role=alert], .validation-summary-errors, .text-danger").AllInnerTextsAsync();
            throw new TimeoutException($"Sign-in of {email} did not reach {returnUrl ?? "a page past the sign-in"}: the browser is on {page.Url} (\"{title}\"), showing: {string.Join(" | ", alerts.Where(a => a.Length > 0))}", e);
        }
    }

    private static async Task<bool> ArrivedAsync(IPage page, string? returnUrl)
    {
        var path = new Uri(page.Url).PathAndQuery;
        var there = returnUrl is null ? !path.Contains(LoginPath, StringComparison.Ordinal) : path.EndsWith(returnUrl, StringComparison.Ordinal);
        return there && await page.EvaluateAsync<string>("document.readyState") != "loading";
    }

    /// <summary>Fills the login form already on the page and sends it with Enter.</summary>
    public static async Task SubmitAsync(IPage page, string email, string password = Password)
    {
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("#Input_Password").PressAsync("Enter");
    }
}
