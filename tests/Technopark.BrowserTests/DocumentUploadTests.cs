using Microsoft.Playwright;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>The upload progress script: a refused file comes back as a message next to the field, focused, the page kept.</summary>
public class DocumentUploadTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Applicant_UploadsAnExecutableNamedPdf_SeesTheMessageWithoutLeavingThePage()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "startup@technopark.ma", "/apply?site=tanger");
        await page.Locator("#programme-Hosting").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer ma candidature" }).ClickAsync();
        await page.ArriveAsync("**/project");
        var documents = page.Url.Replace("/project", "/documents", StringComparison.Ordinal);
        await page.GotoAsync(documents);

        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "deck.pdf", MimeType = "application/pdf", Buffer = "MZ\u0090\0\u0003\0\0\0"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le fichier" }).ClickAsync();

        var error = page.Locator("#Upload-error");
        await Assertions.Expect(error).ToContainTextAsync("PDF");
        Assert.Equal(documents, page.Url);
        Assert.Equal(1, await page.Locator("main h1").CountAsync()); // the page's main was replaced, not nested
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The refreshed form works again: a real PDF goes through.
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "deck.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le fichier" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .alert[role=status]")).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Document.Uploaded"));
        Assert.True(await page.Locator("main").GetByText("deck.pdf").CountAsync() >= 1);
    }
}
