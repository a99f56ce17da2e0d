using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.Web.Pages.Rooms;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>The day grid's placement of bookings by their wall-clock readings, on ordinary days and on the nights Morocco's clock moves.</summary>
public class RoomGridTests
{
    private static readonly ScheduleRoom Room = new(1, "MR-G", SpaceKind.MeetingRoom, 10, RoomEquipment.Screen, WeeklyHours.AlwaysOpen.ToArray(), 30, 0);

    [Fact]
    public void Build_BookingsWhoseHalfHoursTouch_AreOneBlockAndTheBufferIsHeld()
    {
        var day = new DateOnly(2027, 4, 14);
        var now = SiteTime.Instant(day.AddDays(-1), 12 * 60);
        var grid = RoomGrid.Build([new GridColumn(Room with { OpeningMinutes = WeeklyHours.Weekdays(8 * 60, 19 * 60).ToArray() }, day,
            [At(1, day, 10 * 60, 10 * 60 + 45, 0), At(2, day, 10 * 60 + 45, 11 * 60 + 30, 15)])], now);

        Assert.Equal(8 * 60, grid.Rows[0]);
        Assert.Equal(18 * 60 + 30, grid.Rows[^1]);
        var booked = Assert.Single(grid.Cells[0], c => c.Kind == GridCellKind.Booked);
        Assert.Equal((4, 3, 2), (booked.Row, booked.Rows, booked.Bookings.Count)); // 10:00, 10:30 and 11:00
        var next = grid.Cells[0].Single(c => c.Row == 7);
        Assert.Equal((GridCellKind.Free, 11 * 60 + 45), (next.Kind, next.Start)); // 11:30 is held until 11:45 by the buffer
    }

    [Fact]
    public void Build_OnEachNightTheClockMoves_DrawsABookingByItsWallClockReadings()
    {
        var changes = Enumerable.Range(0, 366).Select(i => new DateOnly(2027, 1, 1).AddDays(i))
            .Where(d => SiteTime.Zone.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue)) != SiteTime.Zone.GetUtcOffset(d.ToDateTime(new TimeOnly(23, 0))))
            .ToList();
        Assert.NotEmpty(changes); // Morocco moves its clocks around Ramadan every year

        foreach (var day in changes)
        {
            // 01:00 to 05:00 on the wall clock: the night it moves back it lasts five hours, the night it moves forward three.
            var start = SiteTime.Instant(day, 60);
            var end = SiteTime.Instant(day, 5 * 60);
            var grid = RoomGrid.Build([new GridColumn(Room, day, [new ScheduleBooking(1, 1, start, end, end, BookingPartyKind.Site, null, null, null, null)])],
                SiteTime.Instant(day.AddDays(-2), 0));

            var booked = Assert.Single(grid.Cells[0], c => c.Kind == GridCellKind.Booked);
            Assert.Equal(60, grid.Rows[booked.Row]);
            Assert.Equal(8, booked.Rows);
            Assert.NotEqual(4 * 60, (int)(end - start).TotalMinutes);
        }
    }

    [Fact]
    public void Build_TheBufferOfTheDayBeforeRunningPastMidnight_HoldsWithoutDrawingABlock()
    {
        var day = new DateOnly(2027, 4, 14);
        var late = At(1, day.AddDays(-1), 22 * 60, 24 * 60, 30);

        var grid = RoomGrid.Build([new GridColumn(Room, day, [late])], SiteTime.Instant(day.AddDays(-2), 0));

        Assert.DoesNotContain(grid.Cells[0], c => c.Kind == GridCellKind.Booked);
        Assert.Equal(GridCellKind.Held, grid.Cells[0][0].Kind);
        Assert.Contains(grid.Cells[0], c => c.Kind == GridCellKind.Free && c.Start == 30);
    }

    private static ScheduleBooking At(long id, DateOnly day, int start, int end, int buffer)
    {
        var (from, to) = new BookingSlot(day, start, end).ToInstants();
        return new ScheduleBooking(id, 1, from, to, to.AddMinutes(buffer), BookingPartyKind.Site, null, null, null, null);
    }
}
