using Microsoft.Playwright;

namespace Technopark.BrowserTests;

/// <summary>Every page a person reaches, in French on a phone and in Arabic on a desktop, passes axe with no serious or critical violation.</summary>
public class AccessibilitySweepTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] PublicPages =
        ["/", "/sites/tanger", "/sites/khemisset", "/Identity/Account/Login", "/Identity/Account/Register", "/Identity/Account/ForgotPassword"];

    private static readonly string[] ManagerPages =
    [
        "/manage/tanger", "/manage/tanger/board", "/manage/tanger/spaces", "/manage/tanger/spaces/edit", "/manage/tanger/spaces/import",
        "/manage/tanger/assign", "/manage/tanger/waiting-list", "/manage/tanger/applications", "/Identity/Account/Manage",
        "/Identity/Account/Manage/ChangePassword", "/Identity/Account/Manage/TwoFactorAuthentication",
    ];

    private static readonly string[] HqPages = ["/hq", "/hq/trend", "/hq/kpis", "/hq/kpis/success", "/hq/staff", "/hq/mailbox"];

    private static readonly string[] ApplicantPages = ["/apply", "/apply?site=oujda", "/applications"];

    // French on a phone and Arabic (right to left) on a desktop: French on a desktop, the slowest of the three runs, found nothing the
    // two others miss (the same markup and contrast, left to right like the phone), and CI time is counted (as BillingPagesTests).
    [Theory]
    [InlineData(375, 740, "fr")]
    [InlineData(1280, 900, "ar")]
    public async Task EveryPage_PassesAxe(int width, int height, string language)
    {
        var failures = new List<string>();
        var screen = new Screen(width, height, language);
        await SweepAsync(null, PublicPages, screen, failures);
        await SweepAsync("manager.tanger@technopark.ma", ManagerPages, screen, failures, follow: ["/manage/tanger/board", "a[href*='/assignments/']"]);
        await SweepAsync("hq@technopark.ma", HqPages, screen, failures);
        await SweepAsync("startup@technopark.ma", ApplicantPages, screen, failures, follow: ["/applications", "a[href^='/applications/']"]);

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private async Task SweepAsync(string? email, IEnumerable<string> urls, Screen screen, List<string> failures, string[]? follow = null)
    {
        var (width, _, language) = screen;
        var context = await browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = screen.Width, Height = screen.Height } });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        if (email is not null)
        {
            await SignIn.AsAsync(page, email);
        }

        var visits = urls.ToList();
        if (follow is { Length: 2 })
        {
            await page.GotoAsync(follow[0]);
            if (await page.Locator(follow[1]).First.GetAttributeAsync("href") is { } link)
            {
                visits.Add(link);
            }
        }

        foreach (var url in visits)
        {
            var response = await page.GotoAsync(url);
            if (response is null || response.Status >= 400)
            {
                failures.Add($"{url} ({width}px, {language}, {email ?? "visitor"}): HTTP {response?.Status}");
                continue;
            }

            if (await page.Locator("html").GetAttributeAsync("lang") != language)
            {
                failures.Add($"{url} ({width}px, {email ?? "visitor"}): not in {language}");
            }

            try
            {
                await Accessibility.AssertNoSeriousViolationsAsync(page);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add($"{url} ({width}px, {language}, {email ?? "visitor"}): {e.Message}");
            }
        }

        await context.CloseAsync();
    }

    private sealed record Screen(int Width, int Height, string Language);
}
