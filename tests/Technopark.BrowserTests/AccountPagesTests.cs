using Microsoft.Playwright;

namespace Technopark.BrowserTests;

public class AccountPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // The login, registration and forgotten-password pages are axe-checked by AccessibilitySweepTests (French on a phone, Arabic
    // on a desktop); the French desktop run that was here found nothing those miss and cost CI time.

    [Fact]
    public async Task Register_TooShortPassword_ShowsTheMessageNextToTheField_AndKeepsTheEmail()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Identity/Account/Register");

        await page.GetByLabel("Adresse e-mail").FillAsync("visiteuse@example.ma");
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("court");
        await page.GetByLabel("Confirmez le mot de passe").FillAsync("court");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();

        var error = page.Locator("#Input_Password-error");
        await Assertions.Expect(error).ToHaveTextAsync("Le mot de passe doit contenir au moins 10 caractères.");
        Assert.Equal("visiteuse@example.ma", await page.GetByLabel("Adresse e-mail").InputValueAsync());
        Assert.Contains("Input_Password-error", await page.GetByLabel("Mot de passe", new() { Exact = true }).GetAttributeAsync("aria-describedby") ?? string.Empty,
            StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task ManagePages_SignedIn_AreReachableFromTheHeader_AndAccessible()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "startup@technopark.ma");

        await page.Locator("#signed-in-as").ClickAsync();
        await page.ArriveAsync("**/Identity/Account/Manage");
        Assert.Contains("startup@technopark.ma", await page.Locator("#account-details").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/Identity/Account/Manage/EnableAuthenticator");
        Assert.Matches("^[a-z2-7]{4}( [a-z2-7]{1,4})+$", await page.Locator("#shared-key").InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
