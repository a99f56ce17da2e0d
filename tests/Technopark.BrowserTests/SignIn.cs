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
        Func<string, bool> past = returnUrl is null ? url => !url.Contains(LoginPath, StringComparison.Ordinal) : Navigation.Glob("**" + returnUrl);
        await page.ArriveAsync(past, $"the sign-in of {email} to {returnUrl ?? "a page past the sign-in"}");
    }

    /// <summary>Fills the login form already on the page and sends it with Enter.</summary>
    public static async Task SubmitAsync(IPage page, string email, string password = Password)
    {
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("#Input_Password").PressAsync("Enter");
    }
}
