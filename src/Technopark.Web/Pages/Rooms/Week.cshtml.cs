using Microsoft.AspNetCore.Mvc;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;

namespace Technopark.Web.Pages.Rooms;

/// <summary>One room's week, Monday first: days as columns, the day view's half-hour rows. 404 for an id that is not a room of this site.</summary>
public sealed class WeekModel(RoomCatalog catalog, RoomSchedule schedule, TimeProvider clock) : RoomsPageModel
{
    public ScheduleRoom Room { get; private set; } = null!;

    public DateOnly Monday { get; private set; }

    public DateOnly Today { get; private set; }

    public RoomGrid Grid { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int spaceId, string? week, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(Site.SiteId, spaceId, cancellationToken) is not { } room || !RoomSettings.IsRoom(room.Space.Kind) || !room.Space.IsActive)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        Today = SiteTime.DayOf(now);
        Room = ScheduleRoom.Of(room);
        Monday = MondayOf(Validation.DayParameter.OrToday(week, Today));
        var bookings = await schedule.WeekAsync(Site.SiteId, spaceId, Monday, cancellationToken);
        Grid = RoomGrid.Build([.. Enumerable.Range(0, 7).Select(i => Monday.AddDays(i))
            .Select(day => new GridColumn(Room, day, [.. bookings.Where(b => b.Start < SiteTime.StartOf(day.AddDays(1)) && b.BlockedUntil > SiteTime.StartOf(day))]))], now);
        return Page();
    }

    /// <summary>The Monday of the week holding <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
