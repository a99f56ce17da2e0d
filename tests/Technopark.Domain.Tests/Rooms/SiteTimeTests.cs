using Technopark.Domain.Common;
using Technopark.Domain.Rooms;

namespace Technopark.Domain.Tests.Rooms;

/// <summary>
/// The sites' wall clock against a brute-force reference built only from the offsets the system time-zone database gives each
/// instant, and each clock change of 2027 as that database gives it (found by scanning, never hard-coded).
/// </summary>
public class SiteTimeTests
{
    public const int Year = 2027;

    [Fact]
    public void Zone_IsCasablancaFromTheSystemDatabase_WithClockChangesInTheComingYear()
    {
        Assert.True(SiteTime.Zone.Id == SiteTime.ZoneId,
            $"SiteTime fell back to '{SiteTime.Zone.Id}': this machine has no time-zone database entry for {SiteTime.ZoneId} (install tzdata); every wall-clock time would be wrong.");
        Assert.True(ClockChanges.Required(Year).Count >= 2);
    }

    [Fact]
    public void Local_Instant_IsSkipped_StartOf_MatchTheReferenceEveryQuarterHourOfTheYear()
    {
        var reference = ClockChanges.WallClock(Year);
        for (var day = new DateOnly(Year, 1, 1); day.Year == Year; day = day.AddDays(1))
        {
            for (var minute = 0; minute <= WeeklyHours.MinutesPerDay; minute += Booking.Granularity)
            {
                var wall = day.ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
                if (reference.TryGetValue(wall, out var first))
                {
                    Assert.False(SiteTime.IsSkipped(day, minute), $"{wall:O} is shown by the clock");
                    Assert.Equal(first, SiteTime.Instant(day, minute));
                    Assert.Equal(wall, SiteTime.Local(first));
                }
                else
                {
                    Assert.True(SiteTime.IsSkipped(day, minute), $"{wall:O} is skipped by the clock");
                    var error = Assert.Throws<DomainException>(() => SiteTime.Instant(day, minute));
                    Assert.Equal("Rooms.Time.Skipped", error.Code);
                }
            }

            var start = reference.Where(r => DateOnly.FromDateTime(r.Key) == day).Min(r => r.Value);
            Assert.Equal(start, SiteTime.StartOf(day));
            Assert.Equal(day, SiteTime.DayOf(start));
            Assert.Equal(day.AddDays(-1), SiteTime.DayOf(start.AddTicks(-1)));
            Assert.Equal(new DateOnly(day.Year, day.Month, 1), SiteTime.MonthOf(start));
        }
    }

    [Fact]
    public void ClockChange_BookingMadeBefore_KeepsItsWallClockTimeTheDayAfter()
    {
        foreach (var change in ClockChanges.Required(Year))
        {
            var dayAfter = SiteTime.DayOf(change.At).AddDays(1);
            var booking = Booking.Create(TestRoom.Of(hours: WeeklyHours.AlwaysOpen), new BookingSlot(dayAfter, 10 * 60, 11 * 60),
                BookingParty.ForSite(), 2, null, "u", change.At.AddDays(-3));

            var expected = new DateTimeOffset(dayAfter.ToDateTime(new TimeOnly(10, 0)), change.After);
            Assert.Equal(expected, booking.Start);
            Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(SiteTime.Local(booking.Start)));
            Assert.Equal(60, booking.Minutes);
        }
    }

    [Fact]
    public void ClockChange_BookingAcrossIt_LastsWhatTheClockSays()
    {
        foreach (var change in ClockChanges.Required(Year))
        {
            var room = TestRoom.Of(hours: WeeklyHours.AlwaysOpen, min: 15, max: WeeklyHours.MinutesPerDay);
            var shift = change.After - change.Before;
            var startWall = (change.At + change.Before).DateTime.AddMinutes(-30); // half an hour before the change, as the clock read then
            var endWall = (change.At + (shift > TimeSpan.Zero ? change.After : change.Before)).DateTime.AddMinutes(30);
            var day = DateOnly.FromDateTime(startWall);
            Assert.Equal(day, DateOnly.FromDateTime(endWall));
            var slot = new BookingSlot(day, Minute(startWall), Minute(endWall));

            var booking = Booking.Create(room, slot, BookingParty.ForSite(), 2, null, "u", change.At.AddDays(-3));

            Assert.Equal(change.At.AddMinutes(-30), booking.Start);
            Assert.Equal(SiteTime.Local(booking.Start), startWall);
            Assert.Equal(SiteTime.Local(booking.End), endWall);
            Assert.Equal((endWall - startWall) - shift, booking.End - booking.Start);
            Assert.Equal((int)((endWall - startWall) - shift).TotalMinutes, booking.Minutes);
            if (shift > TimeSpan.Zero)
            {
                // Forward: a one-hour wall-clock booking across the change ends at a time the clock skips.
                var skipped = Assert.Throws<DomainException>(() => Booking.Create(room, slot with { EndMinute = slot.StartMinute + 60 },
                    BookingParty.ForSite(), 2, null, "u", change.At.AddDays(-3)));
                Assert.Equal(("Rooms.Time.Skipped", "End"), (skipped.Code, skipped.Field));
                var skippedStart = Assert.Throws<DomainException>(() => Booking.Create(room,
                    new BookingSlot(day, Minute((change.At + change.Before).DateTime), Minute(endWall) + 60), BookingParty.ForSite(), 2, null, "u",
                    change.At.AddDays(-3)));
                Assert.Equal(("Rooms.Time.Skipped", "Start"), (skippedStart.Code, skippedStart.Field));
            }
            else
            {
                // Back: the wall clock shows this hour twice; a one-hour wall-clock booking across lasts two hours.
                Assert.Equal(60, slot.EndMinute - slot.StartMinute);
                Assert.Equal(120, booking.Minutes);
            }
        }
    }

    [Fact]
    public void ClockChange_DayViewBoundaries_AreMidnightsOfTheDayAndTheNext()
    {
        foreach (var change in ClockChanges.Required(Year))
        {
            var day = SiteTime.DayOf(change.At);
            var start = SiteTime.StartOf(day);
            var next = SiteTime.StartOf(day.AddDays(1));

            Assert.Equal(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), change.Before), start);
            Assert.Equal(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), change.After), next);
            Assert.Equal(TimeSpan.FromDays(1) - (change.After - change.Before), next - start);
            var free = FreeSlots.Of(TestRoom.Of(hours: WeeklyHours.AlwaysOpen), day, [], start, next, 60, change.At.AddDays(-3));
            Assert.Equal([new FreeSlot(0, start, next)], free);
        }
    }

    private static int Minute(DateTime wall) => wall.Hour * 60 + wall.Minute;
}

/// <summary>A change of the site's UTC offset: from <see cref="Before"/> to <see cref="After"/> at the instant <see cref="At"/>.</summary>
public sealed record ClockChange(DateTimeOffset At, TimeSpan Before, TimeSpan After);

/// <summary>The reference: only the offset the time-zone database gives each instant (the TZif transitions), scanned minute by minute.</summary>
public static class ClockChanges
{
    /// <summary>The changes of the year; fails (never skips) with an explanation when the machine's database gives none.</summary>
    public static IReadOnlyList<ClockChange> Required(int year)
    {
        Assert.True(SiteTime.Zone.Id == SiteTime.ZoneId,
            $"SiteTime fell back to '{SiteTime.Zone.Id}': this machine has no time-zone database entry for {SiteTime.ZoneId} (install tzdata); every wall-clock time would be wrong.");
        var changes = Of(year);
        Assert.True(changes.Count >= 2, $"The time-zone database gives no Ramadan clock changes in {year} for {SiteTime.ZoneId}: is tzdata outdated?");
        return changes;
    }

    public static IReadOnlyList<ClockChange> Of(int year)
    {
        var changes = new List<ClockChange>();
        var t = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var previous = SiteTime.Zone.GetUtcOffset(t);
        for (; t.Year == year; t = t.AddMinutes(1))
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

    /// <summary>Each wall-clock minute shown in <paramref name="year"/> (and the midnight after it) and the first instant it is shown.</summary>
    public static Dictionary<DateTime, DateTimeOffset> WallClock(int year)
    {
        var first = new Dictionary<DateTime, DateTimeOffset>();
        for (var t = new DateTimeOffset(year - 1, 12, 31, 12, 0, 0, TimeSpan.Zero); t.Year <= year || t.Month == 1 && t.Day == 1 && t.Hour < 12;
             t = t.AddMinutes(1))
        {
            var wall = (t.UtcDateTime + SiteTime.Zone.GetUtcOffset(t)).AddTicks(0);
            wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
            first.TryAdd(wall, t);
        }

        return first;
    }
}
