using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>
/// Events end to end (issue 16): a Tanger manager creates an event with its room in one step (capacity 1); a visitor registers
/// and confirms through the link of the email (a seat), a second one confirms too (waiting list); the first cancels through the
/// cancel link and the second moves up to the seat; on the event's morning staff check the second in from a phone. The app's
/// clock is frozen on a Monday, the event on the Wednesday after, then moved to 09:30 that day for the check-in.
/// </summary>
[Collection(FrozenClockCollection.Name)]
public partial class EventsJourneyTests(BrowserFixture browser)
{
    private static readonly DateOnly Today = new(2027, 5, 10), Day = new(2027, 5, 19);

    [Fact]
    public async Task Manager_CreatesAnEventWithItsRoom_VisitorsRegisterConfirmAndMoveUp_StaffCheckInFromAPhone()
    {
        var factory = browser.App.Factory;
        factory.Clock.SetToday(Today);
        int room;
        await using (var db = browser.App.Database.CreateContext())
        {
            room = await TestRooms.CreateAsync(db, "tanger", "F-SALLE", seats: 20);
        }

        // The manager creates the event and books its room in the same step.
        const string title = "F Atelier du parcours";
        var manager = await SignedInAsync(Persona.ManagerTanger, 1280, 900);
        await manager.GotoAsync("/manage/tanger/events/new");
        await SetAsync(manager, "Input.SpaceId", room.ToString(CultureInfo.InvariantCulture));
        await SetAsync(manager, "Input.Day", Iso(Day));
        await SetAsync(manager, "Input.Start", "10:00");
        await SetAsync(manager, "Input.End", "12:00");
        await SetAsync(manager, "Input.Capacity", "1");
        await SetAsync(manager, "Input.Title", title);
        await SetAsync(manager, "Input.Description", "Un atelier pour tester le parcours d'inscription de bout en bout.");
        await SetAsync(manager, "Input.Language", nameof(EventLanguage.French));
        await SetAsync(manager, "Input.Audience", nameof(EventAudience.Public));
        await SetAsync(manager, "Input.DeadlineDay", Iso(Day.AddDays(-1)));
        await SetAsync(manager, "Input.DeadlineTime", "18:00");
        await SetAsync(manager, "Input.Partners", "Réseau Entreprendre Maroc");
        await manager.Locator("#event-submit").ClickAsync();
        await manager.ArriveAsync(new Regex(@"/manage/tanger/events/\d+$"));
        var (eventId, bookingId) = await EventAsync(title);
        await using (var db = browser.App.Database.CreateContext())
        {
            var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId);
            Assert.Equal((room, SiteTime.Instant(Day, 10 * 60), SiteTime.Instant(Day, 12 * 60), false),
                (booking.SpaceId, booking.Start, booking.End, booking.IsCancelled));
        }

        // Two visitors register and confirm: the first gets the seat, the second the waiting list.
        const string first = "f.visiteuse.une@example.ma", second = "f.visiteur.deux@example.ma";
        var one = await RegisterAndConfirmAsync(eventId, "Visiteuse Une", first, RegistrationState.Confirmed);
        var two = await RegisterAndConfirmAsync(eventId, "Visiteur Deux", second, RegistrationState.Waitlisted);

        // The first cancels through the link of her email: the second moves up to the seat.
        await one.GotoAsync(await LinkAsync(first, CancelLink()));
        await one.Locator("#cancel-registration").ClickAsync();
        await Assertions.Expect(one.Locator("#cancel-registration")).ToHaveCountAsync(0);
        Assert.Equal(RegistrationState.Cancelled, await StateAsync(eventId, first));
        Assert.Equal(RegistrationState.Confirmed, await StateAsync(eventId, second));

        // The event's morning: staff find the second visitor from a phone and check him in.
        factory.Clock.Set(SiteTime.Instant(Day, 9 * 60 + 30));
        var phone = await SignedInAsync(Persona.ManagerTanger, 390, 844);
        await phone.GotoAsync($"/manage/tanger/events/{eventId}/checkin");
        await phone.Locator("#checkin-search").FillAsync("Deux");
        await phone.Locator("#checkin-search").PressAsync("Enter");
        var registrationId = await RegistrationIdAsync(eventId, second);
        await phone.Locator($"button[data-check-in=\"{registrationId}\"]").TapAsync();
        await Assertions.Expect(phone.Locator($"[data-registration=\"{registrationId}\"][data-checked-in=\"true\"]")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#checked-in-count")).ToContainTextAsync("1");
        var scrollWidth = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the check-in page scrolls sideways on a phone: {scrollWidth} px");

        foreach (var page in new[] { manager, one, two, phone })
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>An anonymous visitor registers from the event's page, then opens the confirmation link of the email and confirms.</summary>
    private async Task<IPage> RegisterAndConfirmAsync(int eventId, string name, string email, RegistrationState expected)
    {
        var context = await browser.NewContextAsync(new() { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/events/{eventId}");
        await page.Locator("#register [name='Input.Name']").FillAsync(name);
        await page.Locator("#register [name='Input.Email']").FillAsync(email);
        await page.Locator("#register-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#registration-pending")).ToBeVisibleAsync();
        Assert.Equal(RegistrationState.Pending, await StateAsync(eventId, email));

        await page.GotoAsync(await LinkAsync(email, ConfirmLink()));
        await page.Locator("#confirm-registration").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-registration-state=\"{expected}\"]")).ToBeVisibleAsync();
        Assert.Equal(expected, await StateAsync(eventId, email));
        return page;
    }

    /// <summary>The path and query of the newest link of that kind in the outbox's emails to <paramref name="email"/> (links carry the public URL).</summary>
    private async Task<string> LinkAsync(string email, Regex link)
    {
        await using var db = browser.App.Database.CreateContext();
        var bodies = await db.Outbox.AsNoTracking().Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.TextBody).ToListAsync();
        var match = bodies.Select(b => link.Match(b)).FirstOrDefault(m => m.Success);
        Assert.NotNull(match);
        return match.Value;
    }

    private async Task<(int Id, long BookingId)> EventAsync(string title)
    {
        await using var db = browser.App.Database.CreateContext();
        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Title == title);
        Assert.Equal((1, EventAudience.Public, SiteTime.Instant(Day.AddDays(-1), 18 * 60)), (ev.Capacity, ev.Audience, ev.RegistrationDeadline));
        return (ev.Id, ev.BookingId);
    }

    private async Task<RegistrationState> StateAsync(int eventId, string email)
    {
        await using var db = browser.App.Database.CreateContext();
        return await db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId && r.Email == email)
            .OrderByDescending(r => r.Id).Select(r => r.State).FirstAsync();
    }

    private async Task<long> RegistrationIdAsync(int eventId, string email)
    {
        await using var db = browser.App.Database.CreateContext();
        return await db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId && r.Email == email && r.State != RegistrationState.Cancelled)
            .Select(r => r.Id).SingleAsync();
    }

    /// <summary>Fills a field of the form by name, whatever its control: a list (select), radio buttons or a text input.</summary>
    private static async Task SetAsync(IPage page, string name, string value)
    {
        var field = page.Locator($"[name='{name}']");
        var tag = await field.First.EvaluateAsync<string>("e => e.tagName.toLowerCase() + ':' + (e.type || '')");
        if (tag.StartsWith("select", StringComparison.Ordinal))
        {
            await field.First.SelectOptionAsync(value);
        }
        else if (tag == "input:radio")
        {
            await page.Locator($"[name='{name}'][value='{value}']").CheckAsync();
        }
        else
        {
            await field.First.FillAsync(value);
        }
    }

    private async Task<IPage> SignedInAsync(Persona persona, int width, int height)
    {
        await Personas.EnsureAsync(browser.App.Factory, persona);
        var context = await browser.NewContextAsync(new()
        {
            Locale = "fr-FR", ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 640, HasTouch = width < 640,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignIn.LoginPath);
        await SignIn.SubmitAsync(page, Personas.Email(persona), Personas.Password);
        await page.ArriveAsync(url => !url.Contains(SignIn.LoginPath, StringComparison.Ordinal));
        return page;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/events/confirm\?token=[A-Za-z0-9_\-%.~]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"/events/cancel\?token=[A-Za-z0-9_\-%.~]+")]
    private static partial Regex CancelLink();
}
