using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>
/// The day view sends at most five SQL commands in all (the session check, the layout's navigation, then the page: site and
/// access in one, rooms with the day's bookings in one, this month's usage for residents), however many rooms and bookings.
/// </summary>
public sealed class RoomsDayQueryCountTests(AppFixture app) : IClassFixture<AppFixture>, IDisposable
{
    private const int MaxCommands = 5;
    private const string DayView = "/sites/tanger/rooms";
    private static readonly DateOnly Day = new(2027, 6, 16);

    private readonly SqlCommandCounter _counter = new();
    private WebApplicationFactory<Program>? _factory;

    private WebApplicationFactory<Program> Factory => _factory ??=
        app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_counter)));

    [Theory]
    [InlineData(Persona.CompanyOwner)]
    [InlineData(Persona.ManagerTanger)]
    public async Task DayView_ThirtyRoomsAndManyBookings_AtMostFiveCommands(Persona persona)
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 6, 1));
        using var client = await Personas.ClientAsync(Factory, persona);
        await SeedAsync(persona.ToString()[..3]);

        _counter.Reset();
        using var response = await client.GetAsync($"{DayView}?day={Day:yyyy-MM-dd}");
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();

        Assert.InRange(_counter.For(DayView), 1, MaxCommands);
        Assert.True(html.Split("data-booking=").Length - 1 >= 30 * 4, "every room shows its bookings of the day");
    }

    public void Dispose() => _factory?.Dispose();

    /// <summary>30 rooms, each with four bookings on the day and four on each of the ten days around it, some for the resident company.</summary>
    private async Task SeedAsync(string prefix)
    {
        var companies = await Personas.CompaniesAsync(app.Factory);
        await using var db = app.Database.CreateContext();
        var rooms = new List<int>();
        for (var i = 1; i <= 30; i++)
        {
            rooms.Add(await TestRooms.CreateAsync(db, "tanger", $"{prefix}-{i:00}", seats: 12, adjust: s => s.Set(buffer: 0, included: 5)));
        }

        var settings = await db.RoomSettings.Where(r => rooms.Contains(r.SpaceId)).ToDictionaryAsync(r => r.SpaceId);
        var spaces = await db.Spaces.Where(s => rooms.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        var bookedAt = SiteTime.Instant(new DateOnly(2027, 5, 1), 9 * 60);
        foreach (var day in Enumerable.Range(-5, 11).Select(d => Day.AddDays(d)).Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday))
        {
            foreach (var id in rooms)
            {
                var room = new BookableRoom(spaces[id], settings[id]);
                for (var k = 0; k < 4; k++)
                {
                    var party = k % 2 == 0 ? BookingParty.ForCompany(companies.Resident) : BookingParty.ForSite();
                    db.Bookings.Add(Booking.Create(room, new BookingSlot(day, (9 + 2 * k) * 60, (10 + 2 * k) * 60), party, 3, "Réunion", "seed", bookedAt));
                }
            }
        }

        await db.SaveChangesAsync();
    }
}
