using Microsoft.Playwright;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>
/// A company's documents and its thread with the site's team: a member writes, the site's manager uploads a document and answers
/// from the staff's page of the company, the member sees both; the pages pass axe in French and Arabic, on a desktop and a phone.
/// </summary>
public class CompanyThreadPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Manager_AnswersFromTheManagePage_TheMemberSeesTheAnswerAndTheDocument()
    {
        var resident = (await Personas.CompaniesAsync(browser.App.Factory)).Resident;
        var member = await SignedInAsync(Persona.CompanyMember, "fr", 1280, 900);
        await member.GotoAsync($"/company/{resident}/messages");
        var question = $"Bonjour, où trouver notre convention ? ({Guid.NewGuid():N})";
        await member.Locator("#Input_Body").FillAsync(question);
        await member.Locator("#thread-form button[type=submit]").ClickAsync();
        await Assertions.Expect(member.Locator("#thread")).ToContainTextAsync(question);
        await Accessibility.AssertNoSeriousViolationsAsync(member);

        var manager = await SignedInAsync(Persona.ManagerTanger, "fr", 1280, 900);
        var staffPage = $"/manage/tanger/companies/{resident}";
        await manager.GotoAsync(staffPage);
        await Assertions.Expect(manager.Locator("#company-thread-section")).ToContainTextAsync(question);
        await manager.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "convention-signee.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await manager.Locator("#company-document-upload button[type=submit]").ClickAsync();
        await Assertions.Expect(manager.Locator("#company-documents")).ToContainTextAsync("convention-signee.pdf");
        var answer = $"Elle est dans l'onglet Documents. ({Guid.NewGuid():N})";
        await manager.Locator("#Input_Body").FillAsync(answer);
        await manager.Locator("#thread-form button[type=submit]").ClickAsync();
        await Assertions.Expect(manager.Locator("#company-thread-section #thread")).ToContainTextAsync(answer);
        Assert.Contains(staffPage, manager.Url, StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(manager);

        await member.GotoAsync($"/company/{resident}/messages");
        var last = member.Locator("#thread li").Last;
        await Assertions.Expect(last).ToContainTextAsync(answer);
        await Assertions.Expect(last).ToContainTextAsync(ResourceText.Of(browser.App.Factory, "Thread.StaffLabel"));
        await member.GotoAsync($"/company/{resident}/documents");
        await Assertions.Expect(member.Locator("#company-documents")).ToContainTextAsync("convention-signee.pdf");
        Assert.Equal(0, await member.Locator("#company-document-upload").CountAsync());
    }

    [Theory]
    // French on a phone and Arabic (right to left) on a desktop cover French, Arabic and the phone layout; a third run found nothing the two miss and CI time is counted (as AccessibilitySweepTests).
    [InlineData(375, 740, "fr")]
    [InlineData(1280, 900, "ar")]
    public async Task DocumentsAndMessages_MemberAndManager_PassAxeInTheirLanguageAndFit(int width, int height, string language)
    {
        var resident = (await Personas.CompaniesAsync(browser.App.Factory)).Resident;
        var failures = new List<string>();
        foreach (var persona in new[] { Persona.CompanyMember, Persona.ManagerTanger })
        {
            var page = await SignedInAsync(persona, language, width, height);
            foreach (var url in new[] { $"/company/{resident}/documents", $"/company/{resident}/messages" })
            {
                var response = await page.GotoAsync(url);
                var where = $"{url} ({persona}, {width}px, {language})";
                if (response?.Status != 200 || await page.Locator("html").GetAttributeAsync("lang") != language)
                {
                    failures.Add($"{where}: HTTP {response?.Status}, lang {await page.Locator("html").GetAttributeAsync("lang")}");
                    continue;
                }

                if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"))
                {
                    failures.Add($"{where}: wider than the screen");
                }

                try
                {
                    await Accessibility.AssertNoSeriousViolationsAsync(page);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    failures.Add($"{where}: {e.Message}");
                }
            }

            await page.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private async Task<IPage> SignedInAsync(Persona persona, string language, int width, int height)
    {
        await Personas.EnsureAsync(browser.App.Factory, persona);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignIn.LoginPath);
        await SignIn.SubmitAsync(page, Personas.Email(persona), Personas.Password);
        await page.ArriveAsync(url => !url.Contains(SignIn.LoginPath, StringComparison.Ordinal));
        return page;
    }
}
