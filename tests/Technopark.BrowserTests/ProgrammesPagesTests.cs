using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.Domain.Events;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>
/// The pages of issue 16 are axe clean (no serious or critical violation) in Arabic (right to left) on a desktop and in French on
/// a phone (the page never scrolls sideways): a site's programmes, one programme, its figures and HQ's; a company's coaching as its
/// coach and the coach's companies; a site's events, the new event form showing a field error, one event, its registrations and
/// check-in, HQ's events; the public events of the network, of a site and a children's workshop; Essaouira's coworking passes.
/// One set of data for both (a programme with the coached persona company enrolled, a children's workshop in a room of its own
/// with a confirmed registration); per language one context per persona.
/// </summary>
[Collection(FrozenClockCollection.Name)]
public class ProgrammesPagesTests(BrowserFixture browser)
{
    private static readonly DateOnly Today = new(2027, 6, 1);
    private static readonly SemaphoreSlim Arranged = new(1, 1);
    private static (BrowserFixture App, int ProgrammeId, int CompanyId, int EventId)? _data;

    [Theory]
    [InlineData("ar", 1280, 900)] // Arabic, right to left, on a desktop
    [InlineData("fr", 390, 844)] // French on a phone
    public async Task ProgrammeAndEventPages_AreAxeClean_InArabicAndOnAPhone(string language, int width, int height)
    {
        var (programmeId, companyId, eventId) = await ArrangeAsync();
        var manager = await PageAsync(Persona.ManagerTanger, language, width, height);
        string[] managerPages =
        [
            "/manage/tanger/programmes",
            $"/manage/tanger/programmes/{programmeId}",
            $"/manage/tanger/programmes/figures?on={Iso(Today)}",
            "/manage/tanger/events",
            $"/manage/tanger/events/{eventId}",
            $"/manage/tanger/events/{eventId}/registrations",
            $"/manage/tanger/events/{eventId}/checkin",
        ];
        foreach (var path in managerPages)
        {
            await Accessibility.CheckPageAsync(manager, path, language, width);
        }

        // The new event form with a field error: no seats.
        await Accessibility.CheckPageAsync(manager, "/manage/tanger/events/new", language, width);
        await manager.Locator("form:has(#event-submit)").EvaluateAsync("f => f.noValidate = true"); // the server's message, not the browser's bubble
        await manager.Locator("[name='Input.Capacity']").FillAsync("0");
        await manager.Locator("#event-submit").ClickAsync();
        await Assertions.Expect(manager.Locator("[data-valmsg-for='Input.Capacity']").First).Not.ToBeEmptyAsync();
        await Accessibility.AssertCleanAsync(manager, width);

        var coach = await PageAsync(Persona.CoachTanger, language, width, height);
        await Accessibility.CheckPageAsync(coach, $"/company/{companyId}/coaching", language, width);
        await Accessibility.CheckPageAsync(coach, "/coach", language, width);

        var admin = await PageAsync(Persona.NetworkAdmin, language, width, height);
        await Accessibility.CheckPageAsync(admin, $"/hq/programmes?on={Iso(Today)}", language, width);
        await Accessibility.CheckPageAsync(admin, $"/hq/events?from={Month(Today.AddMonths(-2))}&to={Month(Today.AddMonths(1))}", language, width);
        await Accessibility.CheckPageAsync(admin, "/manage/essaouira/passes", language, width);

        var visitor = await PageAsync(Persona.Anonymous, language, width, height);
        await Accessibility.CheckPageAsync(visitor, "/events", language, width);
        await Accessibility.CheckPageAsync(visitor, "/sites/tanger/events", language, width);
        await Accessibility.CheckPageAsync(visitor, $"/events/{eventId}", language, width);
        await Assertions.Expect(visitor.Locator("#register [name='Input.ChildAge']")).ToBeVisibleAsync();

        foreach (var page in new[] { manager, coach, admin, visitor })
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Once per class: a programme of Tanger with the coached persona company's enrolment (its coach: the coach persona), and a
    /// children's workshop a week ahead in a room of its own with one confirmed registration; the clock on <see cref="Today"/>.
    /// </summary>
    private async Task<(int ProgrammeId, int CompanyId, int EventId)> ArrangeAsync()
    {
        await Arranged.WaitAsync();
        try
        {
            if (_data is { } data && data.App == browser)
            {
                return (data.ProgrammeId, data.CompanyId, data.EventId);
            }

            var factory = browser.App.Factory;
            factory.Clock.SetToday(Today);
            var now = factory.Clock.GetUtcNow();
            await Personas.EnsureAsync(factory, Persona.CoachTanger); // enrols the resident persona company, coached
            var companyId = (await Personas.CompaniesAsync(factory)).Resident;
            await using var db = browser.App.Database.CreateContext();
            var programmeId = await db.Programmes.Where(p => p.Name == Personas.CoachedProgramme).Select(p => p.Id).SingleAsync();
            var room = await TestRooms.CreateAsync(db, "tanger", "F-AXE", seats: 20);
            var eventId = await TestProgrammes.EventAsync(db, room, Today.AddDays(7), new TimeOnly(10, 0), new TimeOnly(12, 0), 12, now,
                EventAudience.Children, "F Atelier robotique des 7–14 ans");
            var ev = await db.Events.SingleAsync(e => e.Id == eventId);
            var token = Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));
            var registration = EventRegistration.Register(ev, "f.tuteur@example.ma", "Tuteur F", "Adam", 9, null, false, token, now);
            db.EventRegistrations.Add(registration);
            await db.SaveChangesAsync();
            registration.Confirm(ev, 0, now);
            await db.SaveChangesAsync();
            _data = (browser, programmeId, companyId, eventId);
            return (programmeId, companyId, eventId);
        }
        finally
        {
            Arranged.Release();
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A page in its own context, in <paramref name="language"/>, signed in as <paramref name="persona"/> (unless anonymous).</summary>
    private async Task<IPage> PageAsync(Persona persona, string language, int width, int height)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 640 });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        if (persona != Persona.Anonymous)
        {
            await Personas.EnsureAsync(browser.App.Factory, persona);
            await page.GotoAsync(SignIn.LoginPath);
            await SignIn.SubmitAsync(page, Personas.Email(persona), Personas.Password);
            await page.ArriveAsync(url => !url.Contains(SignIn.LoginPath, StringComparison.Ordinal));
        }

        return page;
    }
}
