using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Rooms;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Rooms;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>What the database guards without the app (the exclusion constraint, no DELETE), and the monthly included hours against a reference.</summary>
public class RoomConstraintAndUsageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset Ten = new(2027, 4, 14, 9, 0, 0, TimeSpan.Zero); // 10:00 in Tanger

    [Fact]
    public async Task Database_OverlappingLiveBookingOfOneRoom_IsRefusedWithoutTheService()
    {
        var (siteId, room, otherRoom) = await TwoRoomsAsync("MR-DB1", "MR-DB2");
        await InsertAsync(siteId, room, Ten, Ten.AddHours(1), buffer: 15);

        var inside = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(siteId, room, Ten.AddMinutes(30), Ten.AddMinutes(90), buffer: 15));
        var around = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(siteId, room, Ten.AddHours(-1), Ten.AddHours(3), buffer: 0));
        var before = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(siteId, room, Ten.AddMinutes(-60), Ten.AddMinutes(15), buffer: 0));

        Assert.All([inside, around, before], e => Assert.True(PostgresErrors.IsExclusionViolation(e, DbConstraints.RoomNoOverlap), e.Message));
        await InsertAsync(siteId, otherRoom, Ten, Ten.AddHours(1), buffer: 15); // another room at the same time
        await InsertAsync(siteId, room, Ten.AddHours(-1), Ten, buffer: 0); // ends as the other starts: half-open
        Assert.Equal(2, await CountLiveAsync(room));
    }

    [Fact]
    public async Task Database_TheBufferIsPartOfTheCheck_StartInsideItRefused_AtItsEndAccepted()
    {
        var (siteId, room, _) = await TwoRoomsAsync("MR-DB3", "MR-DB4");
        await InsertAsync(siteId, room, Ten, Ten.AddHours(1), buffer: 30);

        var inBuffer = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(siteId, room, Ten.AddMinutes(75), Ten.AddMinutes(120), buffer: 30));
        var lastMinute = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(siteId, room, Ten.AddMinutes(89), Ten.AddMinutes(120), buffer: 30));
        var ownBuffer = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(siteId, room, Ten.AddMinutes(-60), Ten.AddMinutes(-15), buffer: 30));

        Assert.All([inBuffer, lastMinute, ownBuffer], e => Assert.True(PostgresErrors.IsExclusionViolation(e, DbConstraints.RoomNoOverlap), e.Message));
        await InsertAsync(siteId, room, Ten.AddMinutes(90), Ten.AddMinutes(120), buffer: 30);
        await InsertAsync(siteId, room, Ten.AddMinutes(-60), Ten.AddMinutes(-30), buffer: 30);
        Assert.Equal(3, await CountLiveAsync(room));
    }

    [Fact]
    public async Task Database_CancelledBooking_FreesTheSlot_AndTheAppRoleCannotDeleteBookings()
    {
        var (siteId, room, _) = await TwoRoomsAsync("MR-DB5", "MR-DB6");
        var first = await InsertAsync(siteId, room, Ten, Ten.AddHours(1), buffer: 15);
        await ExecuteAsync(app.Database.AppConnectionString, $"UPDATE room_bookings SET cancelled_at = now(), cancelled_by = 'u' WHERE id = {first}");

        await InsertAsync(siteId, room, Ten, Ten.AddHours(1), buffer: 15);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app.Database.AppConnectionString, $"DELETE FROM room_bookings WHERE id = {first}"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        await using var db = app.Database.CreateContext();
        Assert.Equal(2, await db.Bookings.CountAsync(b => b.SpaceId == room));
        Assert.Equal(1, await CountLiveAsync(room));
    }

    [Fact]
    public async Task MonthUsage_AtTheMonthBoundary_CountsEachBookingInTheMonthOfItsStartInTheSitesTime()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 3, 1));
        var (site, company, room) = await CompanyAndRoomAsync("MR-MONTH", "Boundary Rooms SARL", included: 1);

        var march = Assert.Single(await BookAsync(site, room, company, new BookingSlot(new DateOnly(2027, 3, 31), 23 * 60 + 30, 24 * 60)));
        var april = Assert.Single(await BookAsync(site, room, company, new BookingSlot(new DateOnly(2027, 4, 1), 0, 45)));

        Assert.Equal(new DateTimeOffset(2027, 3, 31, 22, 30, 0, TimeSpan.Zero), march.Start); // still March in Tanger
        var inMarch = Assert.Single(await MonthAsync(site, new DateOnly(2027, 3, 1), [company]));
        var inApril = Assert.Single(await MonthAsync(site, new DateOnly(2027, 4, 1), [company]));
        Assert.Equal((room, 60, 30, 30, 0), (inMarch.SpaceId, inMarch.IncludedMinutes, inMarch.UsedMinutes, inMarch.LeftMinutes, inMarch.BillableMinutes));
        Assert.Equal([new QuotaShare(march.Id, 30, 0)], inMarch.Shares);
        Assert.Equal([new QuotaShare(april.Id, 45, 0)], inApril.Shares);
    }

    [Fact]
    public async Task MonthUsage_LateCancellationsAndNoShowsCount_TimelyCancellationsDoNot()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 5, 1));
        var (site, company, room) = await CompanyAndRoomAsync("MR-LATE", "Late Rooms SARL", included: 2);
        var party = company;
        var timely = Assert.Single(await BookAsync(site, room, party, BookingSlot.Of(new DateOnly(2027, 5, 10), new TimeOnly(9, 0), new TimeOnly(10, 0))));
        var late = Assert.Single(await BookAsync(site, room, party, BookingSlot.Of(new DateOnly(2027, 5, 11), new TimeOnly(9, 0), new TimeOnly(10, 30))));
        var noShow = Assert.Single(await BookAsync(site, room, party, BookingSlot.Of(new DateOnly(2027, 5, 12), new TimeOnly(9, 0), new TimeOnly(10, 0))));
        var live = Assert.Single(await BookAsync(site, room, party, BookingSlot.Of(new DateOnly(2027, 5, 13), new TimeOnly(9, 0), new TimeOnly(9, 30))));

        app.Factory.Clock.Set(timely.Start.AddMinutes(-120)); // exactly the notice: in time
        await WithServiceAsync(s => s.CancelAsync(site, Staff, "u", timely.Id, CancellationToken.None));
        app.Factory.Clock.Set(late.Start.AddMinutes(-119));
        await WithServiceAsync(s => s.CancelAsync(site, Staff, "u", late.Id, CancellationToken.None));
        app.Factory.Clock.Set(noShow.Start.AddMinutes(20));
        await WithServiceAsync(s => s.MarkNoShowAsync(site, Staff, noShow.Id, true, CancellationToken.None));

        var use = Assert.Single(await MonthAsync(site, new DateOnly(2027, 5, 1), [company]));
        Assert.Equal([new QuotaShare(late.Id, 90, 0), new QuotaShare(noShow.Id, 30, 30), new QuotaShare(live.Id, 0, 30)], use.Shares);
        Assert.Equal((120, 180, 0, 60), (use.IncludedMinutes, use.UsedMinutes, use.LeftMinutes, use.BillableMinutes));
    }

    [Theory]
    [InlineData(101)]
    [InlineData(202)]
    public async Task MonthUsage_RandomBookings_MatchesAMinuteByMinuteReference(int seed)
    {
        var random = new Random(seed);
        var made = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        int siteId;
        var companies = new List<int>();
        var rooms = new List<(int Id, int Included)>();
        var bookings = new List<(Booking Booking, DateOnly Day)>();
        await using (var db = app.Database.CreateContext())
        {
            siteId = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
            for (var i = 0; i < 3; i++)
            {
                var company = Company.Create(siteId, $"Random Rooms {seed} {i} SARL", CompanyForm.Startup, Sectors.All.First());
                db.Companies.Add(company);
                await db.SaveChangesAsync();
                companies.Add(company.Id);
            }

            for (var i = 0; i < 2; i++)
            {
                var included = random.Next(0, 6);
                var id = await TestRooms.CreateAsync(db, "tanger", $"MR-R{seed}-{i}", adjust: s => s.Set(hours: WeeklyHours.AlwaysOpen, min: 15, included: included));
                rooms.Add((id, included));
            }

            var roomIds = rooms.Select(r => r.Id).ToList();
            var spaces = await db.Spaces.Where(s => roomIds.Contains(s.Id)).ToListAsync();
            var settings = await db.RoomSettings.Where(s => roomIds.Contains(s.SpaceId)).ToListAsync();
            // Days from after the March clock change to the end of April, and the nights across the month's end.
            var days = Enumerable.Range(0, 47).Select(d => new DateOnly(2027, 3, 15).AddDays(d)).ToList();
            foreach (var (roomId, _) in rooms)
            {
                var room = new BookableRoom(spaces.Single(s => s.Id == roomId), settings.Single(s => s.SpaceId == roomId));
                foreach (var day in days.Where(_ => random.Next(0, 3) > 0))
                {
                    // Up to four bookings a day in blocks apart by more than the buffer: 00:00–05:00, 06:00–11:00, 12:00–17:00, 18:00–23:45.
                    foreach (var block in Blocks.Where(_ => random.Next(0, 2) == 0))
                    {
                        var start = block + random.Next(0, 8) * 15;
                        var end = Math.Min(block + (block == 1080 ? 345 : 300), start + random.Next(1, 17) * 15);
                        if (day == new DateOnly(2027, 3, 31) && block == 1080)
                        {
                            (start, end) = (23 * 60, 23 * 60 + 45); // the last hour of March (and its buffer)
                        }

                        var party = random.Next(0, 6) switch
                        {
                            0 => BookingParty.ForSite(),
                            1 => BookingParty.External("Association Tanja", null, null),
                            var k => BookingParty.ForCompany(companies[k % 3]),
                        };
                        var booking = Booking.Create(room, new BookingSlot(day, start, end), party, 2, null, "u", made);
                        switch (random.Next(0, 5))
                        {
                            case 0:
                                booking.Cancel("u", booking.Start.AddDays(-1), room.Settings.CancellationNoticeMinutes);
                                break;
                            case 1:
                                booking.Cancel("u", booking.Start.AddMinutes(-random.Next(0, 120)), room.Settings.CancellationNoticeMinutes);
                                break;
                            case 2:
                                booking.MarkNoShow(true, booking.Start.AddMinutes(10));
                                break;
                        }

                        db.Bookings.Add(booking);
                        bookings.Add((booking, day));
                    }
                }
            }

            await db.SaveChangesAsync();
        }

        var site = new SiteResource(siteId, "tanger");
        foreach (var month in new[] { new DateOnly(2027, 3, 1), new DateOnly(2027, 4, 1) })
        {
            var actual = (await MonthAsync(site, month, null)).Where(u => rooms.Any(r => r.Id == u.SpaceId)).ToList();

            // The reference: a company's bookings of a room whose wall-clock day is in the month and that count (live, no-show or
            // cancelled late), in start order then id, spend the included minutes one minute at a time.
            var expected = new List<RoomMonthUse>();
            foreach (var company in companies)
            {
                foreach (var (roomId, included) in rooms)
                {
                    var counted = bookings.Where(b => b.Booking.CompanyId == company && b.Booking.SpaceId == roomId
                            && b.Day.Year == month.Year && b.Day.Month == month.Month && (b.Booking.CancelledAt is null || b.Booking.CancelledLate))
                        .OrderBy(b => b.Booking.Start).ThenBy(b => b.Booking.Id).ToList();
                    if (counted.Count == 0)
                    {
                        continue;
                    }

                    var left = included * 60;
                    var shares = new List<QuotaShare>();
                    foreach (var (booking, _) in counted)
                    {
                        var minutes = (int)(booking.End - booking.Start).TotalMinutes;
                        var inc = 0;
                        for (var m = 0; m < minutes && left > 0; m++, left--)
                        {
                            inc++;
                        }

                        shares.Add(new QuotaShare(booking.Id, inc, minutes - inc));
                    }

                    expected.Add(new RoomMonthUse(company, roomId, included * 60, shares.Sum(s => s.IncludedMinutes + s.BillableMinutes), shares));
                }
            }

            Assert.Equal(expected.Count, actual.Count);
            foreach (var (e, a) in expected.Zip<RoomMonthUse, RoomMonthUse>(actual))
            {
                Assert.Equal((e.CompanyId, e.SpaceId, e.IncludedMinutes, e.UsedMinutes, e.LeftMinutes, e.BillableMinutes),
                    (a.CompanyId, a.SpaceId, a.IncludedMinutes, a.UsedMinutes, a.LeftMinutes, a.BillableMinutes));
                Assert.Equal(e.Shares, a.Shares);
            }

            var onlyOne = await MonthAsync(site, month, [companies[0]]);
            Assert.Equal(actual.Where(u => u.CompanyId == companies[0]).Select(u => u.UsedMinutes),
                onlyOne.Where(u => rooms.Any(r => r.Id == u.SpaceId)).Select(u => u.UsedMinutes));
        }
    }

    private static readonly RoomAccess Staff = new(IsStaff: true, IsNetworkAdmin: false, []);

    private static readonly int[] Blocks = [0, 360, 720, 1080];

    private async Task<(int SiteId, int Room, int OtherRoom)> TwoRoomsAsync(string a, string b)
    {
        await using var db = app.Database.CreateContext();
        var siteId = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
        return (siteId, await TestRooms.CreateAsync(db, "tanger", a), await TestRooms.CreateAsync(db, "tanger", b));
    }

    private async Task<(SiteResource Site, int Company, int Room)> CompanyAndRoomAsync(string code, string legalName, int included)
    {
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.Where(s => s.Slug == "tanger").Select(s => new SiteResource(s.Id, s.Slug)).SingleAsync();
        var company = Company.Create(site.SiteId, legalName, CompanyForm.Startup, Sectors.All.First());
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        var room = await TestRooms.CreateAsync(db, "tanger", code, kind: SpaceKind.MeetingRoom,
            adjust: s => s.Set(hours: WeeklyHours.AlwaysOpen, min: 15, buffer: 0, included: included));
        return (site, company.Id, room);
    }

    /// <summary>A row written by hand, as a script or another app would: the service is not involved.</summary>
    private async Task<long> InsertAsync(int siteId, int space, DateTimeOffset start, DateTimeOffset end, int buffer)
    {
        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO room_bookings (site_id, space_id, starts_at, ends_at, blocked_until, attendees, party_kind, booked_by, created_at,
                cancelled_late, no_show)
            VALUES (@site, @space, @start, @end, @blocked, 2, 'Site', 'script', now(), false, false) RETURNING id
            """, connection);
        command.Parameters.AddWithValue("site", siteId);
        command.Parameters.AddWithValue("space", space);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        command.Parameters.AddWithValue("blocked", end.AddMinutes(buffer));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<int> CountLiveAsync(int space)
    {
        await using var db = app.Database.CreateContext();
        return await db.Bookings.CountAsync(b => b.SpaceId == space && b.CancelledAt == null);
    }

    private async Task<IReadOnlyList<Booking>> BookAsync(SiteResource site, int room, int company, BookingSlot slot)
    {
        IReadOnlyList<Booking> saved = [];
        await WithServiceAsync(async s => saved = await s.BookAsync(site, Staff, "staff-user",
            new BookingRequest(room, slot, BookingParty.ForCompany(company), 3, null), CancellationToken.None));
        return saved;
    }

    private async Task WithServiceAsync(Func<BookingService, Task> action)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<BookingService>());
    }

    private async Task<IReadOnlyList<RoomMonthUse>> MonthAsync(SiteResource site, DateOnly month, IReadOnlyCollection<int>? companies)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoomUsage>().MonthAsync(site.SiteId, month, companies, CancellationToken.None);
    }
}
