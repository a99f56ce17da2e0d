using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Rooms;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Rooms;

namespace Technopark.IntegrationTests.Rooms;

public class BookingServiceTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A Wednesday well ahead of the fixed test clock.</summary>
    private static readonly DateOnly Day = new(2027, 4, 14);

    private static readonly RoomAccess Staff = new(IsStaff: true, IsNetworkAdmin: false, []);

    [Fact]
    public async Task Book_ThenAnOverlappingSlot_IsRefusedWithTheNearestFreeSlots()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await RoomAsync("MR-SVC1", s => s.Set(buffer: 15));

        await BookAsync(room, 10 * 60, 11 * 60);
        var error = await Assert.ThrowsAsync<SlotTakenException>(() => BookAsync(room, 10 * 60 + 30, 11 * 60 + 30));

        Assert.Equal("Rooms.Booking.Taken", error.Code);
        Assert.Equal(nameof(Booking.Start), error.Field);
        Assert.NotEmpty(error.Nearest);
        Assert.All(error.Nearest, s => Assert.True(s.Start >= SiteTime.Instant(Day, 11 * 60 + 15) || s.End <= SiteTime.Instant(Day, 10 * 60)));
        await using var check = app.Database.CreateContext();
        Assert.Equal(1, await check.Bookings.CountAsync(b => b.SpaceId == room));
    }

    [Fact]
    public async Task Book_TwentyConcurrentRequestsForOneSlot_ExactlyOneWinsTheOthersAreOfferedReallyFreeSlots()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await RoomAsync("MR-RACE", s => s.Set(buffer: 15));
        await BookAsync(room, 8 * 60, 8 * 60 + 30); // held that morning: free again from 08:45
        const int requests = 20;
        using var arrived = new CountdownEvent(requests);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, requests).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<BookingService>();
            var site = await SiteAsync(scope, "tanger");
            arrived.Signal();
            await go.Task;
            try
            {
                await service.BookAsync(site, Staff, $"racer-{i}", Request(room, new BookingSlot(Day, 10 * 60, 11 * 60)), CancellationToken.None);
                return null;
            }
            catch (SlotTakenException e)
            {
                return e;
            }
        })).ToList();
        await Task.Run(() => arrived.Wait(TimeSpan.FromSeconds(60)));
        go.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o is null);
        var refused = outcomes.OfType<SlotTakenException>().ToList();
        Assert.Equal(requests - 1, refused.Count);
        await using var db = app.Database.CreateContext();
        var live = await db.Bookings.Where(b => b.SpaceId == room && b.CancelledAt == null).ToListAsync();
        Assert.Equal(2, live.Count);
        var winner = Assert.Single(live, b => b.Start == SiteTime.Instant(Day, 600));
        Assert.StartsWith("racer-", winner.BookedBy, StringComparison.Ordinal);
        var (opens, closes) = (SiteTime.Instant(Day, 8 * 60), SiteTime.Instant(Day, 19 * 60));
        foreach (var error in refused)
        {
            Assert.Equal(("Rooms.Booking.Taken", nameof(Booking.Start)), (error.Code, error.Field));
            Assert.Equal([(SiteTime.Instant(Day, 525), SiteTime.Instant(Day, 585)), (SiteTime.Instant(Day, 675), SiteTime.Instant(Day, 735)),
                    (SiteTime.Instant(Day, 735), SiteTime.Instant(Day, 795))],
                error.Nearest.Select(n => (n.Start, n.End))); // as near (75 min) before as after: the earlier first; then the next hour after
            foreach (var slot in error.Nearest)
            {
                // Really free: within the hours, an hour long, and its hold (with the buffer) touches no live booking.
                Assert.Equal(60, slot.Minutes);
                Assert.True(slot.Start >= opens && slot.End <= closes, $"{slot} within the hours");
                Assert.DoesNotContain(live, b => b.Start < slot.End.AddMinutes(15) && slot.Start < b.BlockedUntil);
            }
        }
    }

    [Fact]
    public async Task BookSeries_AClashOnWeeksFiveAndEight_SavesNothingAndListsExactlyThoseDates()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await RoomAsync("MR-SERIES");
        await BookAsync(room, 10 * 60, 11 * 60, Day.AddDays(28)); // week 5
        await BookAsync(room, 10 * 60 + 30, 11 * 60 + 30, Day.AddDays(49)); // week 8, overlapping the series' slot by half an hour
        await BookAsync(room, 11 * 60 + 15, 12 * 60, Day.AddDays(56)); // week 9, right after the series' slot and its buffer: no clash

        var error = await Assert.ThrowsAsync<DomainException>(() => BookAsync(room, 10 * 60, 11 * 60, Day, repeatUntil: Day.AddDays(63)));

        Assert.Equal(("Rooms.Recurrence.Clashes", "RepeatUntil"), (error.Code, error.Field));
        Assert.Equal("12/05/2027, 02/06/2027", Assert.Single(error.Arguments));
        await using var db = app.Database.CreateContext();
        Assert.Equal(3, await db.Bookings.CountAsync(b => b.SpaceId == room));
        Assert.Equal(0, await db.Bookings.CountAsync(b => b.SpaceId == room && b.SeriesId != null));
    }

    [Fact]
    public async Task BookSeries_WithoutClash_SavesEveryWeekWithOneSeriesIdAndAnAuditEntry()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await RoomAsync("MR-SERIES2");

        var saved = await BookAsync(room, 14 * 60, 15 * 60, Day, repeatUntil: Day.AddDays(70));

        Assert.Equal(11, saved.Count);
        await using var db = app.Database.CreateContext();
        var stored = await db.Bookings.Where(b => b.SpaceId == room).OrderBy(b => b.Start).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 11).Select(w => Day.AddDays(7 * w)), stored.Select(b => SiteTime.DayOf(b.Start)));
        Assert.Single(stored.Select(b => b.SeriesId).Distinct());
        Assert.NotNull(stored[0].SeriesId);
        var id = stored[0].Id.ToString(CultureInfo.InvariantCulture);
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "booking.series" && a.EntityId == id);
        Assert.Equal(stored[0].SiteId, audit.SiteId);
    }

    [Fact]
    public async Task BookSeries_AcrossTheYearsClockChanges_KeepsItsWallClockTimeEveryWeek()
    {
        var changes = ClockChangesOf(2027);
        Assert.True(changes.Count >= 2, "The time-zone database gives no 2027 clock change for Africa/Casablanca: is tzdata installed and current?");
        var first = SiteTime.DayOf(changes[0].At).AddDays(-14);
        var until = SiteTime.DayOf(changes[^1].At).AddDays(14);
        Assert.True(until <= first.AddMonths(Recurrence.MaxMonths), "the changes fit in one series");
        app.Factory.Clock.SetToday(first.AddDays(-7));
        var room = await RoomAsync("MR-RAMADAN", s => s.Set(hours: WeeklyHours.AlwaysOpen));

        await BookAsync(room, 10 * 60, 11 * 60, first, repeatUntil: until);

        await using var db = app.Database.CreateContext();
        var stored = await db.Bookings.Where(b => b.SpaceId == room).OrderBy(b => b.Start).ToListAsync();
        Assert.Equal(Recurrence.Weekly(first, until).Count, stored.Count);
        Assert.Contains(stored, b => OffsetOn(changes, b.Start) != OffsetOn(changes, stored[0].Start)); // the series does cross a change
        foreach (var b in stored)
        {
            var day = SiteTime.DayOf(b.Start);
            Assert.Equal(first.DayOfWeek, day.DayOfWeek);
            Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(SiteTime.Local(b.Start)));
            Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), OffsetOn(changes, b.Start)), b.Start);
            Assert.Equal(60, b.Minutes);
        }
    }

    [Fact]
    public async Task Book_BeforeEachClockChange_KeepsTheWallClockTimeAndLastsWhatTheClockSays()
    {
        var changes = ClockChangesOf(2027);
        Assert.True(changes.Count >= 2, "The time-zone database gives no 2027 clock change for Africa/Casablanca: is tzdata installed and current?");
        var room = await RoomAsync("MR-CLOCK", s => s.Set(hours: WeeklyHours.AlwaysOpen, min: 15));
        foreach (var change in changes)
        {
            app.Factory.Clock.Set(change.At.AddDays(-2));
            var dayAfter = SiteTime.DayOf(change.At).AddDays(1);
            var changeDay = SiteTime.DayOf(change.At);
            var wallBefore = (change.At + change.Before).DateTime;
            var shift = change.After - change.Before;

            var next = Assert.Single(await BookAsync(room, 10 * 60, 11 * 60, dayAfter));
            var startWall = wallBefore.Hour * 60 + wallBefore.Minute - 30;
            if (shift > TimeSpan.Zero)
            {
                var skipped = await Assert.ThrowsAsync<DomainException>(() => BookAsync(room, startWall, startWall + 60, changeDay));
                Assert.Equal(("Rooms.Time.Skipped", "End"), (skipped.Code, skipped.Field));
            }

            var across = Assert.Single(await BookAsync(room, startWall, startWall + 60 + (int)Math.Max(0, shift.TotalMinutes), changeDay));

            await using var db = app.Database.CreateContext();
            var storedNext = await db.Bookings.SingleAsync(b => b.Id == next.Id);
            var storedAcross = await db.Bookings.SingleAsync(b => b.Id == across.Id);
            Assert.Equal(new DateTimeOffset(dayAfter.ToDateTime(new TimeOnly(10, 0)), change.After), storedNext.Start);
            Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(SiteTime.Local(storedNext.Start)));
            Assert.Equal($"{dayAfter.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} 10:00", Display.Moment(storedNext.Start)); // as pages show it
            Assert.Equal(change.At.AddMinutes(-30), storedAcross.Start);
            Assert.Equal(60 + (int)Math.Max(0, shift.TotalMinutes) - (int)shift.TotalMinutes, storedAcross.Minutes);
        }
    }

    [Fact]
    public void Moment_EveryQuarterHourOfTheComingYear_ShowsTheWallClockOfTheTimeZoneDatabase()
    {
        Assert.True(ClockChangesOf(2027).Count >= 2, "The time-zone database gives no 2027 clock change for Africa/Casablanca");
        for (var t = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero); t.Year == 2027; t = t.AddMinutes(15))
        {
            var wall = t.UtcDateTime + SiteTime.Zone.GetUtcOffset(t);
            Assert.Equal(wall.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), Display.Moment(t));
        }
    }

    [Fact]
    public async Task Book_RoomOfAnotherSite_IsRoomNotFound()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        int oujdaRoom;
        await using (var db = app.Database.CreateContext())
        {
            oujdaRoom = await TestRooms.CreateAsync(db, "oujda", "MR-OUJ");
        }

        var error = await Assert.ThrowsAsync<DomainException>(() => BookAsync(oujdaRoom, 600, 660));

        Assert.Equal(("Rooms.Booking.RoomNotFound", nameof(Booking.SpaceId)), (error.Code, error.Field));
        await using var check = app.Database.CreateContext();
        Assert.False(await check.Bookings.AnyAsync(b => b.SpaceId == oujdaRoom));
    }

    [Fact]
    public async Task Book_ForACompanyOfAnotherSiteOrThatHasLeft_IsCompanyNotResident()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await RoomAsync("MR-SCOPE");
        var companies = await Personas.CompaniesAsync(app.Factory);
        int oujdaCompany;
        await using (var db = app.Database.CreateContext())
        {
            var oujda = await db.Sites.Where(s => s.Slug == "oujda").Select(s => s.Id).SingleAsync();
            var company = Company.Create(oujda, "Chergui Rooms SARL", CompanyForm.Startup, Sectors.All.First());
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            oujdaCompany = company.Id;
        }

        foreach (var company in new[] { oujdaCompany, companies.Alumni })
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => BookAsync(room, 600, 660, party: BookingParty.ForCompany(company)));
            Assert.Equal(("Rooms.Booking.CompanyNotResident", nameof(Booking.CompanyId)), (error.Code, error.Field));
        }

        Assert.Single(await BookAsync(room, 600, 660, party: BookingParty.ForCompany(companies.Resident)));
    }

    [Fact]
    public async Task Book_ForACompanyLeavingTheSite_IsRefusedFromItsExitDayOn()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await RoomAsync("MR-LEAVING");
        int leaving;
        await using (var db = app.Database.CreateContext())
        {
            var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
            var company = Company.Create(tanger, "Leaving Rooms SARL", CompanyForm.Startup, Sectors.All.First());
            company.Leave(ExitReason.Graduated, Day.AddDays(7)); // its stay ends (planned) a week after Day
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            leaving = company.Id;
        }

        var onExitDay = await Assert.ThrowsAsync<DomainException>(() => BookAsync(room, 600, 660, Day.AddDays(7), party: BookingParty.ForCompany(leaving)));
        var series = await Assert.ThrowsAsync<DomainException>(() =>
            BookAsync(room, 600, 660, Day, repeatUntil: Day.AddDays(14), party: BookingParty.ForCompany(leaving)));

        Assert.All([onExitDay, series], e => Assert.Equal(("Rooms.Booking.CompanyLeaves", nameof(Booking.CompanyId)), (e.Code, e.Field)));
        Assert.Equal("21/04/2027", Assert.Single(series.Arguments));
        Assert.Single(await BookAsync(room, 600, 660, Day.AddDays(6), party: BookingParty.ForCompany(leaving))); // the day before it leaves
        await using var check = app.Database.CreateContext();
        Assert.Equal(1, await check.Bookings.CountAsync(b => b.SpaceId == room));
    }

    [Fact]
    public async Task Book_ResidentForAnotherCompanyOrTheSite_IsPartyNotAllowed()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await RoomAsync("MR-PARTY");
        var companies = await Personas.CompaniesAsync(app.Factory);
        var resident = new RoomAccess(false, false, [new BookingCompany(companies.Resident, Personas.ResidentCompany)]);

        foreach (var party in new[] { BookingParty.ForCompany(companies.Other), BookingParty.ForSite(), BookingParty.External("Tanja", null, null) })
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => BookAsync(room, 600, 660, party: party, access: resident));
            Assert.Equal(("Rooms.Booking.PartyNotAllowed", nameof(Booking.CompanyId)), (error.Code, error.Field));
        }

        var own = Assert.Single(await BookAsync(room, 600, 660, party: BookingParty.ForCompany(companies.Resident), access: resident));
        Assert.Equal(companies.Resident, own.CompanyId);
    }

    [Fact]
    public async Task CancelAndNoShow_AreScopedToTheSiteAndTheParty_AndAudited()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        var room = await RoomAsync("MR-AUDIT");
        var companies = await Personas.CompaniesAsync(app.Factory);
        var mine = Assert.Single(await BookAsync(room, 600, 660, party: BookingParty.ForCompany(companies.Resident)));
        var theirs = Assert.Single(await BookAsync(room, 720, 780, party: BookingParty.ForCompany(companies.Resident)));
        var other = new RoomAccess(false, false, [new BookingCompany(companies.Other, Personas.OtherCompany)]);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<BookingService>();
        var tanger = await SiteAsync(scope, "tanger");
        var oujda = await SiteAsync(scope, "oujda");

        await Assert.ThrowsAsync<NotFoundException>(() => service.CancelAsync(tanger, other, "u", mine.Id, CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => service.CancelAsync(oujda, Staff, "u", mine.Id, CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => service.MarkNoShowAsync(tanger, other, theirs.Id, true, CancellationToken.None));
        await service.CancelAsync(tanger, Staff, "manager", mine.Id, CancellationToken.None);
        app.Factory.Clock.Set(theirs.Start.AddMinutes(5));
        await service.MarkNoShowAsync(tanger, Staff, theirs.Id, true, CancellationToken.None);

        await using var db = app.Database.CreateContext();
        var cancelled = await db.Bookings.SingleAsync(b => b.Id == mine.Id);
        Assert.Equal(("manager", false), (cancelled.CancelledBy, cancelled.CancelledLate));
        Assert.True((await db.Bookings.SingleAsync(b => b.Id == theirs.Id)).NoShow);
        var (mineId, theirsId) = (mine.Id.ToString(CultureInfo.InvariantCulture), theirs.Id.ToString(CultureInfo.InvariantCulture));
        var actions = await db.AuditLog.Where(a => a.EntityType == nameof(Booking) && (a.EntityId == mineId || a.EntityId == theirsId))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.EntityId, a.SiteId }).ToListAsync();
        Assert.Equal(
            [("booking.create", mineId), ("booking.create", theirsId), ("booking.cancel", mineId), ("booking.no-show", theirsId)],
            actions.Select(a => (a.Action, a.EntityId)));
        Assert.All(actions, a => Assert.Equal(tanger.SiteId, a.SiteId));
    }

    private async Task<int> RoomAsync(string code, Action<RoomSettings>? adjust = null)
    {
        await using var db = app.Database.CreateContext();
        return await TestRooms.CreateAsync(db, "tanger", code, adjust: adjust);
    }

    private async Task<IReadOnlyList<Booking>> BookAsync(int room, int start, int end, DateOnly? day = null, DateOnly? repeatUntil = null,
        BookingParty? party = null, RoomAccess? access = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var site = await SiteAsync(scope, "tanger");
        return await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(site, access ?? Staff, "staff-user",
            Request(room, new BookingSlot(day ?? Day, start, end), party, repeatUntil), CancellationToken.None);
    }

    private static BookingRequest Request(int room, BookingSlot slot, BookingParty? party = null, DateOnly? repeatUntil = null) =>
        new(room, slot, party ?? BookingParty.ForSite(), 4, "Réunion", repeatUntil);

    private static async Task<SiteResource> SiteAsync(AsyncServiceScope scope, string slug) =>
        await scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>().Sites.Where(s => s.Slug == slug)
            .Select(s => new SiteResource(s.Id, s.Slug)).SingleAsync();

    /// <summary>The offset in force at <paramref name="instant"/> as the scanned changes say.</summary>
    private static TimeSpan OffsetOn(IReadOnlyList<ClockChange> changes, DateTimeOffset instant) =>
        changes.LastOrDefault(c => c.At <= instant) is { } last ? last.After : changes[0].Before;

    /// <summary>The changes of the site's UTC offset in a year, found by scanning the offsets the system time-zone database gives (not hard-coded).</summary>
    internal static IReadOnlyList<ClockChange> ClockChangesOf(int year)
    {
        Assert.True(SiteTime.Zone.Id == SiteTime.ZoneId, $"No time-zone database entry for {SiteTime.ZoneId} on this machine (install tzdata).");
        var changes = new List<ClockChange>();
        var t = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var previous = SiteTime.Zone.GetUtcOffset(t);
        for (; t.Year == year; t = t.AddMinutes(15))
        {
            var offset = SiteTime.Zone.GetUtcOffset(t);
            if (offset != previous)
            {
                changes.Add(new ClockChange(t, previous, offset));
                previous = offset;
            }
        }

        return changes;
    }

    internal sealed record ClockChange(DateTimeOffset At, TimeSpan Before, TimeSpan After);
}
