using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Rooms;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>The staff's room usage page: its figures against a plain reference, and the no-show toggle.</summary>
public partial class RoomUsagePageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly TimeZoneInfo Morocco = TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca");

    /// <summary>
    /// Random bookings (fixed seed) of three companies, the site and an outside organisation in two rooms, from mid-February
    /// to mid-April 2027, many late in the evening of a month's last day or early on the first (the month boundary in the
    /// site's time, which in 2027 is UTC+0 on 1 March, Ramadan, and UTC+1 on 1 April); some cancelled in time, some late,
    /// some no-shows. The page's figures for March must equal a count made here from the bookings themselves.
    /// </summary>
    [Fact]
    public async Task Month_RandomBookingsAcrossTheMonthBoundaries_FiguresEqualAPlainReference()
    {
        app.Factory.Clock.Set(new DateTimeOffset(2027, 5, 20, 12, 0, 0, TimeSpan.Zero));
        var companies = await Personas.CompaniesAsync(app.Factory);
        var bookings = new List<Booking>();
        int[] rooms;
        await using (var db = app.Database.CreateContext())
        {
            rooms =
            [
                await TestRooms.CreateAsync(db, "tanger", "MR-USE1", 12, adjust: s => s.Set(hours: WeeklyHours.AlwaysOpen, min: 15, max: 600, buffer: 0, included: 3)),
                await TestRooms.CreateAsync(db, "tanger", "TR-USE2", 30, SpaceKind.TrainingRoom, s => s.Set(hours: WeeklyHours.AlwaysOpen, min: 15, max: 600, buffer: 0, included: 0)),
            ];
            var tanger = await db.Sites.SingleAsync(s => s.Slug == "tanger");
            var third = Company.Create(tanger.Id, "Usage Troisième SARL", CompanyForm.Startup, Sectors.All.First());
            db.Companies.Add(third);
            await db.SaveChangesAsync();
            int[] parties = [companies.Resident, companies.Other, third.Id, 0, -1]; // 0: the site, -1: outside
            var random = new Random(1414);
            var roomsById = await (from s in db.Spaces where rooms.Contains(s.Id) join r in db.RoomSettings on s.Id equals r.SpaceId select new BookableRoom(s, r)).ToListAsync();
            void Add(BookableRoom room, BookingSlot slot, int who, int fate)
            {
                var (start, _) = slot.ToInstants();
                var party = who > 0 ? BookingParty.ForCompany(who) : who == 0 ? BookingParty.ForSite() : BookingParty.External("Association Extérieure", null, null);
                var booking = Booking.Create(room, slot, party, 1 + random.Next(room.Capacity), null, "test", start.AddDays(-2));
                switch (fate)
                {
                    case 0:
                        booking.Cancel("test", start.AddDays(-1), room.Settings.CancellationNoticeMinutes); // in time
                        break;
                    case 1:
                        booking.Cancel("test", start.AddMinutes(-30), room.Settings.CancellationNoticeMinutes); // late
                        break;
                    case 2:
                        booking.MarkNoShow(true, start.AddMinutes(10));
                        break;
                }

                bookings.Add(booking);
            }

            void AddRandom(BookableRoom room, DateOnly from, DateOnly to)
            {
                var next = SiteTime.Instant(from, 2 * 60);
                var end = SiteTime.Instant(to, 20 * 60);
                while (true)
                {
                    // Hop ahead 1 to 30 hours (quarter hours), then book 15 min to 5 h.
                    next = next.AddMinutes(15 * random.Next(4, 120));
                    var local = SiteTime.Local(next);
                    var day = DateOnly.FromDateTime(local);
                    var startMinute = local.Hour * 60 + local.Minute;
                    var endMinute = Math.Min(WeeklyHours.MinutesPerDay, startMinute + 15 * random.Next(1, 21));
                    var slot = new BookingSlot(day, startMinute, endMinute);
                    if (endMinute <= startMinute || SiteTime.IsSkipped(day, startMinute) || SiteTime.IsSkipped(day, endMinute % WeeklyHours.MinutesPerDay))
                    {
                        continue;
                    }

                    if (slot.ToInstants().End > end)
                    {
                        return;
                    }

                    Add(room, slot, parties[random.Next(parties.Length)], random.Next(10));
                    next = bookings[^1].End;
                }
            }

            foreach (var room in roomsById)
            {
                AddRandom(room, new DateOnly(2027, 2, 20), new DateOnly(2027, 2, 28));
                Add(room, new BookingSlot(new DateOnly(2027, 2, 28), 23 * 60, 24 * 60), companies.Resident, 3); // February (UTC 23:00)
                Add(room, new BookingSlot(new DateOnly(2027, 3, 1), 0, 90), companies.Resident, 3); // March
                AddRandom(room, new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 31));
                Add(room, new BookingSlot(new DateOnly(2027, 3, 31), 23 * 60, 24 * 60), companies.Resident, 1); // March (UTC 22:00), cancelled late
                Add(room, new BookingSlot(new DateOnly(2027, 3, 31), 21 * 60 + 30, 22 * 60 + 30), companies.Other, 2); // March, a no-show
                Add(room, new BookingSlot(new DateOnly(2027, 4, 1), 0, 60), companies.Resident, 3); // April (UTC 23:00 on 31 March)
                AddRandom(room, new DateOnly(2027, 4, 1), new DateOnly(2027, 4, 10));
            }

            db.Bookings.AddRange(bookings);
            await db.SaveChangesAsync();
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var html = await client.GetStringAsync("/manage/tanger/rooms?month=2027-03");

        var march = bookings.Where(b => TimeZoneInfo.ConvertTime(b.Start, Morocco) is { Year: 2027, Month: 3 }).ToList();
        Assert.Contains(bookings, b => b.Start == new DateTimeOffset(2027, 3, 31, 23, 0, 0, TimeSpan.Zero) && !march.Contains(b)); // 1 April 00:00 in Tanger
        Assert.Contains(march, b => b.Start == new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var expectedCompanies = march.Where(b => b.CompanyId is not null && (!b.IsCancelled || b.CancelledLate))
            .GroupBy(b => (Company: b.CompanyId!.Value, b.SpaceId))
            .Select(g =>
            {
                var included = (g.Key.SpaceId == rooms[0] ? 3 : 0) * 60;
                var used = g.Sum(b => (int)(b.End - b.Start).TotalMinutes);
                var late = march.Count(b => b.CompanyId == g.Key.Company && b.SpaceId == g.Key.SpaceId && b.CancelledLate);
                var noShows = march.Count(b => b.CompanyId == g.Key.Company && b.SpaceId == g.Key.SpaceId && !b.IsCancelled && b.NoShow);
                return $"{g.Key.Company}/{g.Key.SpaceId}: {included} {used} {Math.Max(0, included - used)} {Math.Max(0, used - included)} {late} {noShows}";
            }).Order(StringComparer.Ordinal).ToList();
        var shownCompanies = CompanyRow().Matches(html)
            .Select(m => $"{m.Groups[1].Value}/{m.Groups[2].Value}: {m.Groups[3].Value} {m.Groups[4].Value} {m.Groups[5].Value} {m.Groups[6].Value} {m.Groups[7].Value} {m.Groups[8].Value}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedCompanies, shownCompanies);
        Assert.Equal(3 * 2, expectedCompanies.Count);

        var expectedRooms = rooms.Select(id =>
        {
            var live = march.Where(b => b.SpaceId == id && !b.IsCancelled).ToList();
            return $"{id}: {live.Count} {live.Sum(b => (int)(b.End - b.Start).TotalMinutes)} {31 * 24 * 60} {march.Count(b => b.SpaceId == id && b.CancelledLate)} {live.Count(b => b.NoShow)}";
        }).ToList();
        var shownRooms = RoomRow().Matches(html)
            .Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value} {m.Groups[3].Value} {m.Groups[4].Value} {m.Groups[5].Value} {m.Groups[6].Value}")
            .Where(r => rooms.Any(id => r.StartsWith($"{id}:", StringComparison.Ordinal))).ToList();
        Assert.Equal(expectedRooms, shownRooms);

        var csv = System.Text.Encoding.UTF8.GetString(await client.GetByteArrayAsync("/manage/tanger/rooms?handler=Export&month=2027-03")).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expectedCompanies.Count + 1, lines.Length);
        var billable = march.Where(b => b.CompanyId == companies.Resident && b.SpaceId == rooms[0] && (!b.IsCancelled || b.CancelledLate)).Sum(b => (int)(b.End - b.Start).TotalMinutes) - 3 * 60;
        var resident = lines.Single(l => l.StartsWith(Personas.ResidentCompany + ";MR-USE1;", StringComparison.Ordinal)).Split(';');
        Assert.Equal((Math.Max(0, billable) / 60m).ToString(CultureInfo.GetCultureInfo("fr-MA")), resident[5]);
    }

    [Fact]
    public async Task NoShow_StartedBooking_StaffMarkItAndTakeTheMarkBack()
    {
        var (room, day) = await RoomAsync("MR-NS1");
        var booking = await BookAsync(room, day, 9 * 60, 10 * 60);
        app.Factory.Clock.Set(SiteTime.Instant(day, 9 * 60 + 20));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ReviewerTanger);
        var url = $"/manage/tanger/rooms?month={day:yyyy-MM}&day={day:yyyy-MM-dd}";
        var page = await client.GetStringAsync(url);

        using var marked = await Personas.PostFormAsync(client, $"/manage/tanger/rooms?handler=NoShow&month={day:yyyy-MM}&day={day:yyyy-MM-dd}",
            new() { ["id"] = booking.ToString(CultureInfo.InvariantCulture), ["noShow"] = "true" }, formPage: url);
        var after = WebUtility.HtmlDecode(await client.GetStringAsync(marked.Headers.Location!.OriginalString));

        Assert.Contains($"data-booking=\"{booking}\" data-no-show=\"false\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Contains($"data-booking=\"{booking}\" data-no-show=\"true\"", after, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "RoomsAdmin.NoShowMarked"), after, StringComparison.Ordinal);
        Assert.True(await NoShowAsync(booking));
        await using (var db = app.Database.CreateContext())
        {
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "booking.no-show" && a.EntityId == booking.ToString(CultureInfo.InvariantCulture)));
        }

        using var cleared = await Personas.PostFormAsync(client, $"/manage/tanger/rooms?handler=NoShow&month={day:yyyy-MM}&day={day:yyyy-MM-dd}",
            new() { ["id"] = booking.ToString(CultureInfo.InvariantCulture), ["noShow"] = "false" }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.False(await NoShowAsync(booking));
    }

    [Fact]
    public async Task NoShow_BeforeTheStart_IsRefusedWithTheMessageAndNothingChanges()
    {
        var (room, day) = await RoomAsync("MR-NS2");
        var booking = await BookAsync(room, day, 11 * 60, 12 * 60);
        app.Factory.Clock.Set(SiteTime.Instant(day, 10 * 60 + 50));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var url = $"/manage/tanger/rooms?month={day:yyyy-MM}&day={day:yyyy-MM-dd}";
        var page = await client.GetStringAsync(url);

        using var response = await Personas.PostFormAsync(client, $"/manage/tanger/rooms?handler=NoShow&month={day:yyyy-MM}&day={day:yyyy-MM-dd}",
            new() { ["id"] = booking.ToString(CultureInfo.InvariantCulture), ["noShow"] = "true" }, formPage: url);

        Assert.DoesNotContain("name=\"noShow\"", page.Split($"data-booking=\"{booking}\"")[1].Split("</li>")[0], StringComparison.Ordinal); // no button yet
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Rooms.Booking.NotStarted"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await NoShowAsync(booking));
    }

    [Theory]
    [InlineData(Persona.ManagerOujda, HttpStatusCode.Forbidden)]
    [InlineData(Persona.NetworkAdmin, HttpStatusCode.Forbidden)] // HQ reads the page, changes nothing
    [InlineData(Persona.CompanyOwner, HttpStatusCode.Forbidden)]
    public async Task NoShow_SomeoneNotOfTangersStaff_IsRefusedAndNothingChanges(Persona persona, HttpStatusCode expected)
    {
        var (room, day) = await RoomAsync("MR-NS3-" + (int)persona);
        var booking = await BookAsync(room, day, 9 * 60, 10 * 60);
        app.Factory.Clock.Set(SiteTime.Instant(day, 9 * 60 + 20));
        using var client = await Personas.ClientAsync(app.Factory, persona);

        using var response = await Personas.PostFormAsync(client, "/manage/tanger/rooms?handler=NoShow",
            new() { ["id"] = booking.ToString(CultureInfo.InvariantCulture), ["noShow"] = "true" }, formPage: "/");

        Assert.Equal(expected, response.StatusCode);
        Assert.False(await NoShowAsync(booking));
    }

    [Fact]
    public async Task NoShow_BookingOfAnotherSite_IsNotFound()
    {
        var day = new DateOnly(2027, 6, 9);
        app.Factory.Clock.SetToday(day.AddDays(-3));
        int oujdaRoom;
        await using (var db = app.Database.CreateContext())
        {
            oujdaRoom = await TestRooms.CreateAsync(db, "oujda", "MR-NS4", adjust: s => s.Set(hours: WeeklyHours.AlwaysOpen));
        }

        var booking = await BookAsync(oujdaRoom, day, 9 * 60, 10 * 60);
        app.Factory.Clock.Set(SiteTime.Instant(day, 9 * 60 + 20));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await Personas.PostFormAsync(client, "/manage/tanger/rooms?handler=NoShow",
            new() { ["id"] = booking.ToString(CultureInfo.InvariantCulture), ["noShow"] = "true" }, formPage: "/manage/tanger/rooms");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await NoShowAsync(booking));
    }

    /// <summary>A Tanger room open every day, and a day of June 2027 three days after the clock's today.</summary>
    private async Task<(int Room, DateOnly Day)> RoomAsync(string code)
    {
        var day = new DateOnly(2027, 6, 9);
        app.Factory.Clock.SetToday(day.AddDays(-3));
        await using var db = app.Database.CreateContext();
        return (await TestRooms.CreateAsync(db, "tanger", code, adjust: s => s.Set(hours: WeeklyHours.AlwaysOpen)), day);
    }

    private async Task<long> BookAsync(int room, DateOnly day, int start, int end)
    {
        await using var db = app.Database.CreateContext();
        var bookable = await (from s in db.Spaces where s.Id == room join r in db.RoomSettings on s.Id equals r.SpaceId select new BookableRoom(s, r)).SingleAsync();
        var booking = Booking.Create(bookable, new BookingSlot(day, start, end), BookingParty.ForSite(), 3, "Réunion", "test", app.Factory.Clock.GetUtcNow());
        db.Bookings.Add(booking);
        await db.SaveChangesAsync();
        return booking.Id;
    }

    private async Task<bool> NoShowAsync(long booking)
    {
        await using var db = app.Database.CreateContext();
        return await db.Bookings.Where(b => b.Id == booking).Select(b => b.NoShow).SingleAsync();
    }

    [GeneratedRegex("data-company=\"(\\d+)\" data-space=\"(\\d+)\" data-included=\"(\\d+)\" data-used=\"(\\d+)\" data-left=\"(\\d+)\"\\s+data-billable=\"(\\d+)\" data-late=\"(\\d+)\" data-no-shows=\"(\\d+)\"")]
    private static partial Regex CompanyRow();

    [GeneratedRegex("<tr data-space=\"(\\d+)\" data-bookings=\"(\\d+)\" data-booked-minutes=\"(\\d+)\" data-open-minutes=\"(\\d+)\"\\s+data-late=\"(\\d+)\" data-no-shows=\"(\\d+)\"")]
    private static partial Regex RoomRow();
}
