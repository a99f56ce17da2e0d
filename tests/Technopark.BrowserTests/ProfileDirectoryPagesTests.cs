using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.Domain.Companies;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>
/// The company profile, the public directory of residents and HQ's alumni list: in French, in Arabic and on a phone,
/// each page axe clean.
/// </summary>
public class ProfileDirectoryPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Member_EditsProfileAndLogo_DirectoryShowsThem_InFrenchArabicAndOnAPhone()
    {
        var (companyId, email) = await MemberOfAListedResidentAsync();
        var pitch = $"Robots testés au navigateur {Guid.NewGuid():N}"[..40];
        var page = await browser.NewPageAsync();
        await page.GotoAsync(SignIn.LoginPath);
        await SignIn.SubmitAsync(page, email, Personas.Password);
        await page.ArriveAsync(url => !url.Contains(SignIn.LoginPath, StringComparison.Ordinal));

        await page.GotoAsync($"/company/{companyId}/profile");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#Input_Pitch").FillAsync(pitch);
        await page.Locator("#profile-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#profile-message")).ToBeVisibleAsync();
        await page.Locator("#Logo").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Web.Seeding.DemoProfiles.DrawLogo(4) });
        await page.Locator("#logo-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#profile-logo")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('#profile-logo'); return img.complete && img.naturalWidth === 256; }");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/sites/tanger/residents");
        var card = page.Locator($"#directory li[data-company='{companyId}']");
        await Assertions.Expect(card).ToContainTextAsync(pitch);
        await card.Locator("img").ScrollIntoViewIfNeededAsync(); // the directory's logos load lazily
        await page.WaitForFunctionAsync($"() => {{ const img = document.querySelector(\"#directory li[data-company='{companyId}'] img\"); return img.complete && img.naturalWidth > 0; }}");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await InArabicAsync(page.Context);
        foreach (var url in new[] { $"/company/{companyId}/profile", "/sites/tanger/residents" })
        {
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
            await Accessibility.AssertNoSeriousViolationsAsync(page);
        }

        var phone = await browser.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 375, Height = 740 } });
        await CopyCookiesAsync(page.Context, phone); // the same person, signed in
        await InFrenchAsync(phone);
        var small = await phone.NewPageAsync();
        foreach (var url in new[] { $"/company/{companyId}/profile", "/sites/tanger/residents" })
        {
            await small.GotoAsync(url);
            Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{url} scrolls sideways on a phone");
            await Accessibility.AssertNoSeriousViolationsAsync(small);
        }
    }

    [Fact]
    public async Task NetworkAdmin_FiltersAlumniByExitYear_InFrenchArabicAndOnAPhone()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "hq@technopark.ma", "/hq/alumni");
        var rows = page.Locator("#alumni tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var year = await rows.First.GetAttributeAsync("data-exit-year");
        await page.Locator("#alumni-year").SelectOptionAsync(year!);
        await page.Locator("#alumni-filter button[type=submit]").ClickAsync();
        await page.ArriveAsync($"**/hq/alumni?on=*&year={year}");
        Assert.All(await rows.EvaluateAllAsync<string[]>("trs => trs.map(tr => tr.dataset.exitYear)"), y => Assert.Equal(year, y));

        await InArabicAsync(page.Context);
        await page.GotoAsync("/hq/alumni");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var phone = await browser.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 375, Height = 740 } });
        await CopyCookiesAsync(page.Context, phone);
        await InFrenchAsync(phone);
        var small = await phone.NewPageAsync();
        await small.GotoAsync("/hq/alumni");
        Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "/hq/alumni scrolls sideways on a phone");
        await Accessibility.AssertNoSeriousViolationsAsync(small);
    }

    private static async Task CopyCookiesAsync(IBrowserContext from, IBrowserContext to) =>
        await to.AddCookiesAsync((await from.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));

    private Task InArabicAsync(IBrowserContext context) => CultureAsync(context, "ar");

    private Task InFrenchAsync(IBrowserContext context) => CultureAsync(context, "fr");

    private Task CultureAsync(IBrowserContext context, string language) =>
        context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);

    /// <summary>A person (the owner persona) made member of a current resident of Tanger that the demo listed in the directory.</summary>
    private async Task<(int CompanyId, string Email)> MemberOfAListedResidentAsync()
    {
        var factory = browser.App.Factory;
        await Personas.EnsureAsync(factory, Persona.CompanyOwner);
        await using var db = browser.App.Database.CreateContext();
        var email = Personas.Email(Persona.CompanyOwner);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var companyId = await db.Companies.Where(c => c.ListedInDirectory && c.ExitedOn == null && c.SiteId == db.Sites.Single(s => s.Slug == "tanger").Id)
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        if (!await db.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == userId))
        {
            db.CompanyMembers.Add(CompanyMember.Create(companyId, userId, CompanyRole.Member, factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        return (companyId, email);
    }
}
