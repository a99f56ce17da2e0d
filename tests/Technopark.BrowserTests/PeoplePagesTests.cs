using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>
/// HQ's people pages are axe clean (no serious or critical violation) in French and in Arabic (right to left) on a desktop and in
/// French on a phone (no sideways scroll): the accounts found by a search, and one person's page with their roles, company and
/// the action forms. One journey: HQ locks a person and sees the locked badge on the person's page and in the list.
/// The pages do not depend on the day: the class shares the frozen-clock collection's app and browser.
/// </summary>
[Collection(FrozenClockCollection.Name)]
public class PeoplePagesTests(BrowserFixture browser)
{
    [Theory]
    // French on a phone and Arabic (right to left) on a desktop cover French, Arabic and the phone layout; a third run found nothing the two miss and CI time is counted (as AccessibilitySweepTests).
    [InlineData("ar", 1280, 900)] // right to left
    [InlineData("fr", 390, 844)] // a phone
    public async Task PeoplePages_AreAxeClean(string language, int width, int height)
    {
        await Personas.EnsureAsync(browser.App.Factory, Persona.CompanyOwner);
        var ownerId = await IdOfAsync(Personas.Email(Persona.CompanyOwner));
        var page = await HqPageAsync(language, width, height);

        await Accessibility.CheckPageAsync(page, "/hq/people?q=test.technopark", language, width);
        await Assertions.Expect(page.Locator("#people tbody tr").First).ToBeVisibleAsync();
        await Accessibility.CheckPageAsync(page, $"/hq/people/{ownerId}", language, width);
        await Assertions.Expect(page.Locator("#person-companies")).ToBeVisibleAsync();

        // A refused action: its message beside its reason.
        await page.Locator("#require-reset-confirm").CheckAsync();
        await page.Locator("#require-reset-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#require-reset-reason-error")).Not.ToBeEmptyAsync();
        await Accessibility.AssertCleanAsync(page, width);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Lock_HqLocksAPerson_SeesTheLockedBadge()
    {
        const string email = "browser.lock@people.test";
        var id = await CreateAsync(email);
        var page = await HqPageAsync("fr", 1280, 900);
        await page.GotoAsync($"/hq/people/{id}");
        await Assertions.Expect(page.Locator("#person-lock [data-locked]")).ToHaveCountAsync(0);

        await page.Locator("#lock-reason").FillAsync("Mot de passe divulgué");
        await page.Locator("#lock-confirm").CheckAsync();
        await page.Locator("#lock-submit").ClickAsync();

        await Assertions.Expect(page.Locator("#person-status")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#person-lock [data-locked]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#unlock")).ToBeVisibleAsync();
        await page.GotoAsync("/hq/people?q=browser.lock");
        await Assertions.Expect(page.Locator($"#people tr[data-person='{id}'] [data-locked]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>A page in its own context, in <paramref name="language"/>, signed in as the NetworkAdmin persona.</summary>
    private async Task<IPage> HqPageAsync(string language, int width, int height)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 640 });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await Personas.EnsureAsync(browser.App.Factory, Persona.NetworkAdmin);
        await page.GotoAsync(SignIn.LoginPath);
        await SignIn.SubmitAsync(page, Personas.Email(Persona.NetworkAdmin), Personas.Password);
        await page.ArriveAsync(url => !url.Contains(SignIn.LoginPath, StringComparison.Ordinal));
        return page;
    }

    private async Task<string> CreateAsync(string email)
    {
        await using var scope = browser.App.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return existing.Id;
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Personne Bloquée" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        return user.Id;
    }

    private async Task<string> IdOfAsync(string email)
    {
        await using var db = browser.App.Database.CreateContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
