using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.Domain.Auditing;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>
/// The audit trail's pages are axe clean (no serious or critical violation) in French and Arabic (right to left) on a desktop and
/// in French on a phone (the page never scrolls sideways): HQ's trail with a filter, an entry with before and after side by side,
/// and Tanger's trail as its manager. The class adds its own entries (action <c>axe.check</c>) on a day of its own.
/// </summary>
[Collection(FrozenClockCollection.Name)]
public class AuditPagesTests(BrowserFixture browser)
{
    private static readonly DateOnly Today = new(2027, 9, 14);
    private static readonly SemaphoreSlim Arranged = new(1, 1);
    private static (BrowserFixture App, long EntryId)? _data;

    [Theory]
    // French on a phone and Arabic (right to left) on a desktop cover French, Arabic and the phone layout; a third run found nothing the two miss and CI time is counted (as AccessibilitySweepTests).
    [InlineData("ar", 1280, 900)] // right to left
    [InlineData("fr", 390, 844)] // a phone
    public async Task AuditPages_AreAxeClean_InFrenchArabicAndOnAPhone(string language, int width, int height)
    {
        var entryId = await ArrangeAsync();
        var admin = await PageAsync(Persona.NetworkAdmin, language, width, height);
        await Accessibility.CheckPageAsync(admin, $"/hq/audit?from={Iso(Today.AddDays(-3))}&to={Iso(Today)}&site=tanger&kind=Space", language, width);
        await Assertions.Expect(admin.Locator($"#audit-entries tr[data-audit-id='{entryId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("#audit-next")).ToHaveCountAsync(1); // more than a page of entries
        await Accessibility.CheckPageAsync(admin, $"/hq/audit/{entryId}", language, width);
        await Assertions.Expect(admin.Locator("#audit-after tr.audit-changed")).ToHaveCountAsync(2);

        // A filter refused: the message beside the field.
        await Accessibility.CheckPageAsync(admin, "/hq/audit?from=2027-09-14&to=2027-09-01", language, width);
        await Assertions.Expect(admin.Locator("#audit-to-error")).Not.ToBeEmptyAsync();

        var manager = await PageAsync(Persona.ManagerTanger, language, width, height);
        await Accessibility.CheckPageAsync(manager, "/manage/tanger", language, width);
        await manager.Locator("#nav-audit").ClickAsync();
        await Assertions.Expect(manager.Locator("#audit-entries")).ToBeVisibleAsync();
        await Accessibility.AssertCleanAsync(manager, width);
        await Accessibility.CheckPageAsync(manager, $"/manage/tanger/audit/{entryId}", language, width);

        foreach (var page in new[] { admin, manager })
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Once per fixture: 60 Tanger entries about spaces over the three days before <see cref="Today"/> by Tanger's manager (long values
    /// included, to try the phone's width), the last one with nested values, two of them changed; the clock on <see cref="Today"/>.
    /// </summary>
    private async Task<long> ArrangeAsync()
    {
        await Arranged.WaitAsync();
        try
        {
            if (_data is { } data && data.App == browser)
            {
                return data.EntryId;
            }

            var factory = browser.App.Factory;
            factory.Clock.SetToday(Today);
            var now = factory.Clock.GetUtcNow();
            await Personas.EnsureAsync(factory, Persona.ManagerTanger);
            await using var db = browser.App.Database.CreateContext();
            var email = Personas.Email(Persona.ManagerTanger);
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
            var entries = Enumerable.Range(0, 60).Select(i => AuditEntry.Create(now.AddHours(-70 + i), userId, email, tanger, "axe.check", "Space", $"{9000 + i}",
                """{"code":"AXE-1","seats":4}""", """{"code":"AXE-1","seats":5,"description":"Un espace lumineux au deuxième étage, avec une très longue description sans espace: https://example.ma/espaces/axe/une-adresse-tres-longue-qui-ne-se-coupe-pas"}""")).ToList();
            var entry = AuditEntry.Create(now.AddMinutes(-5), userId, email, tanger, "space.update", "Space", "9999",
                """{"code":"AXE-2","seats":4,"rates":{"monthly":1500,"daily":null},"equipment":["écran"]}""",
                """{"code":"AXE-2","seats":6,"rates":{"monthly":1500,"daily":null},"equipment":["écran","tableau"]}""");
            db.AuditLog.AddRange(entries);
            db.AuditLog.Add(entry);
            await db.SaveChangesAsync();
            _data = (browser, entry.Id);
            return entry.Id;
        }
        finally
        {
            Arranged.Release();
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A page in its own context, in <paramref name="language"/>, signed in as <paramref name="persona"/>.</summary>
    private async Task<IPage> PageAsync(Persona persona, string language, int width, int height)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 640 });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await Personas.EnsureAsync(browser.App.Factory, persona);
        await page.GotoAsync(SignIn.LoginPath);
        await SignIn.SubmitAsync(page, Personas.Email(persona), Personas.Password);
        await page.ArriveAsync(url => !url.Contains(SignIn.LoginPath, StringComparison.Ordinal));
        return page;
    }
}
