using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Events;
using Technopark.Domain.Rooms;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Events;

/// <summary>
/// /hq/events against a plain C# reference written from the definitions: random events (some cancelled, some late on a month's last
/// evening, when the site's month and UTC's differ) at two sites over 2027, random registrations (pending, confirmed, waitlisted,
/// cancelled) and check-ins; the page's cells must equal the reference's for random ranges of months.
/// </summary>
public partial class HqEventFiguresTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private static readonly string[] Slugs = ["tanger", "essaouira"];

    /// <summary>Morocco's zone read from the system (not the app's SiteTime), for the reference.</summary>
    private static readonly TimeZoneInfo Morocco = TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca");

    private static readonly DateOnly Today = new(2027, 7, 10);

    /// <summary>What was seeded, once per fixture (xunit makes a new instance of the class for each test).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFixture, List<Seeded>> Seeds = [];

    private List<Seeded> _events = [];

    public async Task InitializeAsync()
    {
        app.Factory.Clock.SetToday(Today);
        if (Seeds.TryGetValue(app, out var seeded))
        {
            _events = seeded;
            return;
        }

        Seeds.Add(app, _events);
        var random = new Random(1616);
        await using var db = app.Database.CreateContext();
        for (var i = 0; i < 36; i++)
        {
            var slug = Slugs[random.Next(Slugs.Length)];
            var room = await TestRooms.CreateAsync(db, slug, $"C-DIFF-{i}", 50, adjust: s => s.Set(hours: WeeklyHours.AlwaysOpen));
            var space = await db.Spaces.SingleAsync(s => s.Id == room);
            var settings = await db.RoomSettings.SingleAsync(r => r.SpaceId == room);
            // Every fourth event on a month's last day at 23:00 (site time): the next month in UTC for half the year.
            var day = i % 4 == 0 ? new DateOnly(2027, 1 + random.Next(12), 1).AddMonths(1).AddDays(-1) : new DateOnly(2027, 1, 1).AddDays(random.Next(365));
            var startMinute = i % 4 == 0 ? 23 * 60 : 60 * (8 + random.Next(10));
            var created = Instant(day.AddDays(-5), 9 * 60);
            var booking = Booking.Create(new BookableRoom(space, settings), new BookingSlot(day, startMinute, startMinute + 60), BookingParty.ForSite(),
                50, "C diff", "test-user", created);
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            var audience = (EventAudience)random.Next(3);
            var capacity = 1 + random.Next(5);
            var ev = Event.Create(booking, $"C événement {i}", "Description", EventLanguage.French, audience, capacity, booking.Start, null, "test-user", created);
            db.Events.Add(ev);
            await db.SaveChangesAsync();

            var registrations = new List<EventRegistration>();
            var count = random.Next(9);
            for (var r = 0; r < count; r++)
            {
                var registration = EventRegistration.Register(ev, $"c.{i}.{r}@example.ma", "Personne", audience == EventAudience.Children ? "Sami" : null,
                    audience == EventAudience.Children ? 9 : null, null, audience == EventAudience.Residents, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), created);
                registrations.Add(registration);
                var fate = random.Next(5);
                if (fate > 0)
                {
                    registration.Confirm(ev, registrations.Count(x => x.State == RegistrationState.Confirmed), created.AddMinutes(r));
                }

                if (fate == 4)
                {
                    registration.Cancel(ev, created.AddHours(1));
                }
                else if (fate >= 2 && registration.State == RegistrationState.Confirmed)
                {
                    registration.CheckIn(ev, "test-user", ev.StartsAt);
                }
            }

            db.EventRegistrations.AddRange(registrations);
            await db.SaveChangesAsync();
            var cancelled = random.Next(6) == 0;
            if (cancelled)
            {
                ev.Cancel(created.AddHours(2));
                await db.SaveChangesAsync();
                booking.Cancel("test-user", created.AddHours(2), 0);
                await db.SaveChangesAsync();
            }

            _events.Add(new Seeded(slug, booking.Start, booking.End, audience, cancelled,
                [.. registrations.Select(x => (x.State, x.CheckedInAt is not null))]));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Page_Cells_EqualTheReference_ForARandomRange(int seed)
    {
        var random = new Random(seed);
        var from = new DateOnly(2027, 1 + random.Next(12), 1);
        var to = from.AddMonths(random.Next(13 - from.Month)); // within 2027, so February's and March's clock changes are in some ranges
        if (seed == 1)
        {
            (from, to) = (new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 1)); // the whole year once
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await client.GetStringAsync($"/hq/events?from={Key(from)}&to={Key(to)}");

        var cells = Cells(html);
        var now = app.Factory.Clock.GetUtcNow();
        var months = Enumerable.Range(0, (to.Year - from.Year) * 12 + to.Month - from.Month + 1).Select(from.AddMonths).ToList();
        var inRange = _events.Where(e => months.Contains(MonthOf(e.Start))).ToList();
        var sites = inRange.Select(e => e.Slug).Distinct().Order().ToList();
        Assert.Equal(sites, cells.Keys.Select(k => k.Site).Where(s => s != "network").Distinct().Order().ToList());
        foreach (var site in sites.Append("network"))
        {
            var ofSite = inRange.Where(e => site == "network" || e.Slug == site).ToList();
            foreach (var (key, events) in months.Select(m => (Key(m), ofSite.Where(e => MonthOf(e.Start) == m).ToList())).Append(("total", ofSite)))
            {
                var expected = Reference(events, now);
                foreach (var (figure, value) in expected)
                {
                    Assert.True(cells.TryGetValue((site, key, figure), out var shown), $"no cell {site} {key} {figure}");
                    Assert.True(value == shown, $"{site} {key} {figure}: page {shown}, reference {value}");
                }
            }
        }

        Assert.Equal(cells.Count, (sites.Count + 1) * (months.Count + 1) * (5 + 3));
    }

    [Fact]
    public async Task Csv_OneRowPerEventOfTheRange_CancelledOnesToo()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await client.GetAsync("/hq/events.csv?from=2027-03&to=2027-08");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = _events.Count(e => MonthOf(e.Start) >= new DateOnly(2027, 3, 1) && MonthOf(e.Start) <= new DateOnly(2027, 8, 1));
        Assert.Equal(expected + 1, lines.Length);
    }

    [Fact]
    public async Task Page_RangeBackwards_ShowsTheDefaultRangeWithTheReason()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await client.GetStringAsync("/hq/events?from=2027-06&to=2027-02");

        Assert.Equal(ResourceText.Of(app.Factory, "Events.Hq.RangeInvalid", "fr", Technopark.Web.Pages.Hq.EventFigures.MaxMonths), ResourceText.Inner(html, "to-error"));
        Assert.Contains("value=\"2026-08\"", ResourceText.Tag(html, "from"), StringComparison.Ordinal); // the last 12 months…
        Assert.Contains("value=\"2027-08\"", ResourceText.Tag(html, "to"), StringComparison.Ordinal); // …to next month
    }

    /// <summary>The definitions, plainly: held = not cancelled; registrations = confirmed + waitlisted; attended = confirmed and checked in;
    /// no-shows = confirmed, not checked in, event over; rate = attended / (attended + no-shows) over events over.</summary>
    private static Dictionary<string, decimal?> Reference(List<Seeded> events, DateTimeOffset now)
    {
        var held = events.Where(e => !e.Cancelled).ToList();
        var over = held.Where(e => e.End <= now).ToList();
        int Attended(IEnumerable<Seeded> list) => list.Sum(e => e.Registrations.Count(r => r.State == RegistrationState.Confirmed && r.CheckedIn));
        var noShows = over.Sum(e => e.Registrations.Count(r => r.State == RegistrationState.Confirmed && !r.CheckedIn));
        var attendedOver = Attended(over);
        var figures = new Dictionary<string, decimal?>
        {
            ["Events"] = held.Count,
            ["Registrations"] = held.Sum(e => e.Registrations.Count(r => r.State is RegistrationState.Confirmed or RegistrationState.Waitlisted)),
            ["Attended"] = Attended(held),
            ["NoShows"] = noShows,
            ["AttendanceRate"] = attendedOver + noShows == 0 ? null : Math.Round((decimal)attendedOver / (attendedOver + noShows), 4, MidpointRounding.AwayFromZero),
        };
        foreach (var audience in Enum.GetValues<EventAudience>())
        {
            figures[$"Audience.{audience}"] = held.Count(e => e.Audience == audience);
        }

        return figures;
    }

    private static Dictionary<(string Site, string Month, string Figure), decimal?> Cells(string html) =>
        CellPattern().Matches(html).ToDictionary(
            m => (m.Groups["site"].Value, m.Groups["month"].Value, m.Groups["audience"].Success ? $"Audience.{m.Groups["audience"].Value}" : m.Groups["figure"].Value),
            m => m.Groups["value"].Value.Length == 0 ? (decimal?)null : decimal.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    private static DateOnly MonthOf(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Morocco);
        return new DateOnly(local.Year, local.Month, 1);
    }

    private static DateTimeOffset Instant(DateOnly day, int minute)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
        return new DateTimeOffset(local, Morocco.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [GeneratedRegex("data-events-site=\"(?<site>[^\"]+)\" data-month=\"(?<month>[^\"]+)\" data-figure=\"(?<figure>[^\"]+)\"(?: data-audience=\"(?<audience>[^\"]+)\")? data-value=\"(?<value>[^\"]*)\"")]
    private static partial Regex CellPattern();

    private sealed record Seeded(string Slug, DateTimeOffset Start, DateTimeOffset End, EventAudience Audience, bool Cancelled,
        IReadOnlyList<(RegistrationState State, bool CheckedIn)> Registrations);
}
