using Microsoft.Playwright;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>A new startup registers, confirms, applies to Oujda with a PDF; the Oujda manager assigns a reviewer, who scores; the manager accepts.</summary>
public class ApplicationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = SignIn.Password;

    [Fact]
    public async Task NewStartup_AppliesToOujda_IsReviewedAndAccepted_AndReachesTheWaitingList()
    {
        var email = $"startup.{Guid.NewGuid():N}"[..20] + "@example.ma";
        var page = await browser.NewPageAsync();

        // Register, then confirm through the local mailbox (read by HQ in a second browser context).
        await page.GotoAsync("/Identity/Account/Register");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_DisplayName").FillAsync("Yasmine Berkane");
        await page.Locator("#Input_Password").FillAsync(Password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(Password);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await page.ArriveAsync("**/RegisterConfirmation**");
        var hq = await SignInAsync("hq@technopark.ma", "/hq/mailbox");
        var link = await hq.Locator("article", new() { HasText = email }).First.Locator("a[href*='ConfirmEmail']").First.GetAttributeAsync("href");
        await Accessibility.AssertNoSeriousViolationsAsync(hq);
        await page.GotoAsync(link!);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Sign in and apply to Oujda.
        await SignIn.AsAsync(page, email, "/apply?site=oujda");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#programme-Incubation").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer ma candidature" }).ClickAsync();
        await page.ArriveAsync("**/project");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#Input_ProjectName").FillAsync("Atlas Code");
        await page.Locator("#Input_Summary").FillAsync("Une école de code en ligne pour l'Oriental.");
        await page.Locator("#Input_Sector").SelectOptionAsync("it");
        await page.Locator("#Input_Stage").SelectOptionAsync("Prototype");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et continuer" }).ClickAsync();
        await page.ArriveAsync("**/team");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Apply.DraftSaved"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#Input_ContactName").FillAsync("Yasmine Berkane");
        await page.Locator("#Input_ContactEmail").FillAsync(email);
        await page.Locator("#Input_ContactPhone").FillAsync("06 61 23 45 67");
        await page.Locator("#Input_TeamSize").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et continuer" }).ClickAsync();
        await page.ArriveAsync("**/market");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#Input_TargetMarket").FillAsync("Étudiants et PME de l'Oriental");
        await page.Locator("#Input_BusinessModel").FillAsync("Abonnements et formations en entreprise");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et continuer" }).ClickAsync();
        await page.ArriveAsync("**/documents");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "atlas-code.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le fichier" }).ClickAsync();
        await Assertions.Expect(page.Locator("#documents")).ToContainTextAsync("atlas-code.pdf");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continuer" }).ClickAsync();
        await page.ArriveAsync("**/submit");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Soumettre ma candidature" }).ClickAsync();
        await page.ArriveAsync("**/applications/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Apply.Submitted"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var id = page.Url.Split('/').Last();

        // The Oujda manager assigns the Oujda reviewer.
        var manager = await SignInAsync("manager.oujda@technopark.ma", "/manage/oujda/applications");
        await Accessibility.AssertNoSeriousViolationsAsync(manager);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Atlas Code" }).ClickAsync();
        await manager.ArriveAsync($"**/manage/oujda/applications/{id}");
        await Accessibility.AssertNoSeriousViolationsAsync(manager);
        await manager.Locator("#ReviewerId").SelectOptionAsync(new SelectOptionValue { Label = "reviewer.oujda@technopark.ma" });
        await manager.GetByRole(AriaRole.Button, new() { Name = "Désigner" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Review.Assigned"));

        // The reviewer scores.
        var reviewer = await SignInAsync("reviewer.oujda@technopark.ma", $"/manage/oujda/applications/{id}");
        await Accessibility.AssertNoSeriousViolationsAsync(reviewer);
        foreach (var criterion in new[] { "Innovation", "Team", "Market", "Feasibility", "Impact" })
        {
            await reviewer.Locator($"#Score_{criterion}").SelectOptionAsync("4");
        }

        await reviewer.Locator("#Score_Comment").FillAsync("Équipe motivée, marché réel.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon évaluation" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Review.Saved"));
        await Accessibility.AssertNoSeriousViolationsAsync(reviewer);

        // The manager accepts.
        await manager.ReloadAsync();
        await manager.Locator("#decision-Accept").CheckAsync();
        await manager.Locator("#Reason").FillAsync("Projet solide, aligné avec le secteur IT du site.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Decision.Done.Accept"));
        await Accessibility.AssertNoSeriousViolationsAsync(manager);

        // The applicant sees the decision; the company waits for an office.
        await page.GotoAsync("/applications");
        await Assertions.Expect(page.Locator("#my-applications")).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "ApplicationState.Accepted"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await manager.GotoAsync("/manage/oujda/waiting-list");
        await Assertions.Expect(manager.Locator("#waiting-list")).ToContainTextAsync("Atlas Code");
        await Accessibility.AssertNoSeriousViolationsAsync(manager);
    }

    [Fact]
    public async Task MissingFieldLink_OnTheSubmitPage_OpensTheStepWithTheFieldInvalidAndFocused()
    {
        var page = await SignInAsync("startup@technopark.ma", "/apply?site=tanger");
        await page.Locator("#programme-Hosting").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer ma candidature" }).ClickAsync();
        await page.ArriveAsync("**/project");
        await Assertions.Expect(page.Locator("#Input_Summary")).ToHaveAttributeAsync("aria-required", "true");
        await page.Locator("#Input_ProjectName").FillAsync("Tanger Drones");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Apply.DraftSaved"));
        var id = page.Url.Split('/')[^2];

        await page.GotoAsync($"/apply/{id}/submit");
        await page.Locator("#missing").GetByRole(AriaRole.Link, new() { Name = "Résumé du projet" }).ClickAsync();
        await page.ArriveAsync($"**/apply/{id}/project?check=Summary*");

        var summary = page.Locator("#Input_Summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#Input_Summary-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#Input_ProjectName")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task ScoresTable_At1366Pixels_ShowsEveryColumnWithoutScrolling()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl, Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, "manager.tanger@technopark.ma", "/manage/tanger/applications?State=Accepted");
        await page.Locator("#inbox tbody a").First.ClickAsync();
        await page.ArriveAsync("**/manage/tanger/applications/*");

        var table = page.Locator("#reviews");
        await Assertions.Expect(table.Locator("tbody td").Nth(7)).Not.ToBeEmptyAsync();
        var region = await table.EvaluateAsync<int[]>("t => { const r = t.closest('.table-responsive'); return [r.scrollWidth, r.clientWidth]; }");
        Assert.True(region[0] <= region[1], $"The scores table scrolls: {region[0]} px wide in {region[1]} px");
        await table.ScrollIntoViewIfNeededAsync();
        foreach (var header in new[] { "Impact", "Moyenne", "Commentaire" })
        {
            var cell = table.GetByRole(AriaRole.Columnheader, new() { Name = header, Exact = true });
            await Assertions.Expect(cell).ToBeInViewportAsync(new() { Ratio = 1 });
            var box = await cell.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 1366, $"{header} at {box.X}+{box.Width}");
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string email, string returnUrl)
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, email, returnUrl);
        return page;
    }
}
