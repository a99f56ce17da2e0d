using System.Globalization;
using Microsoft.Playwright;
using Technopark.Infrastructure;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.BrowserTests;

/// <summary>A Tanger manager's day: add a space, assign it to the first company waiting, see it on the board, transfer, end.</summary>
public class OfficeAssignmentJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TangerManager_AddsASpace_AssignsFromTheWaitingList_TransfersAndEnds()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "manager.tanger@technopark.ma", "/manage/tanger");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Add a space.
        await page.GetByRole(AriaRole.Link, new() { Name = "Inventaire des espaces" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un espace" }).ClickAsync();
        await page.GetByLabel("Code").FillAsync("Z-901");
        await page.GetByLabel("Étage").FillAsync("9");
        await page.GetByLabel("Surface (m²)").FillAsync("22,5");
        await page.GetByLabel("Places").FillAsync("3");
        await page.GetByLabel("Loyer mensuel (MAD)").FillAsync("2 750,00");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Spaces.Saved", Cultures.Default, "Z-901"));

        // The first company waiting for an office gets it, from the waiting list.
        await page.GotoAsync("/manage/tanger/waiting-list");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var first = page.Locator("#waiting-list tbody tr", new() { HasText = "Noria Water Tech" });
        await first.GetByRole(AriaRole.Link).ClickAsync();
        await page.ArriveAsync("**/manage/tanger/assign?companyId=*");
        await page.GetByLabel("Espace", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = await OptionLabelAsync(page, "Z-901") });
        var start = browser.App.Factory.Clock.Today().AddDays(3); // the app's day in Morocco, not the UTC date
        await page.GetByLabel("Premier jour").FillAsync(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Attribuer", Exact = true }).ClickAsync();
        await page.ArriveAsync("**/manage/tanger/board?on=*");
        var tile = page.Locator("[data-code='Z-901']");
        await Assertions.Expect(tile).ToContainTextAsync("Noria Water Tech");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The board a year later still shows the open-ended assignment.
        var nextYear = start.AddYears(1);
        await page.GetByLabel("Jour").FillAsync(nextYear.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(page.Locator("#board-summary")).ToContainTextAsync(nextYear.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Assertions.Expect(tile).ToContainTextAsync("Noria Water Tech");

        // Transfer to another free office.
        await tile.GetByRole(AriaRole.Link, new() { Name = "Noria Water Tech" }).ClickAsync();
        await page.ArriveAsync("**/manage/tanger/assignments/*");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var free = await page.Locator("#transfer-space option").Filter(new() { HasText = "Bureau" }).Last.GetAttributeAsync("value");
        await page.Locator("#transfer-space").SelectOptionAsync(free!);
        await page.Locator("#transfer-first").FillAsync(start.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Transférer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Assignment.Transferred"));

        // End the new assignment.
        await page.GotoAsync($"/manage/tanger/board?on={start.AddDays(31):yyyy-MM-dd}");
        var moved = page.Locator("[data-code]", new() { HasText = "Noria Water Tech" });
        Assert.Equal(1, await moved.CountAsync());
        Assert.NotEqual("Z-901", await moved.GetAttributeAsync("data-code"));
        await moved.GetByRole(AriaRole.Link, new() { Name = "Noria Water Tech" }).ClickAsync();
        await page.Locator("#end-last").FillAsync(start.AddDays(200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Terminer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Reason-error")).Not.ToBeEmptyAsync(); // no reason chosen by default
        await Assertions.Expect(page.Locator("#end-reason")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.Locator("#end-reason").SelectOptionAsync("Graduated");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terminer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#end-confirm-summary")).ToContainTextAsync("Noria Water Tech");
        await Assertions.Expect(page.Locator("#end-confirm-summary")).ToContainTextAsync(start.AddDays(200).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer la fin" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Assignment.Ended"));
        await page.GotoAsync($"/manage/tanger/board?on={start.AddDays(201):yyyy-MM-dd}");
        Assert.Equal(0, await page.Locator("[data-code]", new() { HasText = "Noria Water Tech" }).CountAsync());
    }

    private static async Task<string> OptionLabelAsync(IPage page, string code)
    {
        var option = page.Locator("#Input_SpaceId option").Filter(new() { HasText = code });
        return (await option.InnerTextAsync()).Trim();
    }
}
