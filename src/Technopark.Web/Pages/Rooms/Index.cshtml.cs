using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure;

namespace Technopark.Web.Pages.Rooms;

/// <summary>
/// The day view of a site's rooms: rooms as columns, half-hours as rows, bookings as blocks (details only for who may
/// see them), free half-hours as links to the booking form; on a phone the same day as an agenda list. For residents,
/// the included hours left this month. Three statements for the page (site and access, rooms with the day's bookings,
/// this month's usage), whatever the number of rooms and the years of history.
/// </summary>
public sealed class IndexModel(RoomSchedule schedule, RoomUsage usage, TimeProvider clock) : RoomsPageModel
{
    public DateOnly Day { get; private set; }

    public DateOnly Today { get; private set; }

    public RoomGrid Grid { get; private set; } = null!;

    /// <summary>The month whose included hours are shown (today's, in the site's time).</summary>
    public DateOnly Month { get; private set; }

    /// <summary>Residents only: per room, the minutes left of each of their companies this month (null: the room includes none).</summary>
    public IReadOnlyList<QuotaRow> Quotas { get; private set; } = [];

    public async Task OnGetAsync(string? day, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Today = SiteTime.DayOf(now);
        Day = Validation.DayParameter.OrToday(day, Today);
        var rooms = await schedule.DayAsync(Site.SiteId, Day, cancellationToken);
        Grid = RoomGrid.Build([.. rooms.Select(r => new GridColumn(r.Room, Day, r.Bookings))], now);
        Month = SiteTime.MonthOf(now);
        if (Access.Companies.Count > 0)
        {
            var used = await usage.MonthAsync(Site.SiteId, Month, [.. Access.Companies.Select(c => c.Id)], cancellationToken);
            Quotas = QuotaRow.Of(rooms.Select(r => (r.Room.SpaceId, r.Room.Code)), Access.Companies, used, IncludedOf(rooms));
        }
    }

    private static Func<int, int> IncludedOf(IReadOnlyList<(ScheduleRoom Room, IReadOnlyList<ScheduleBooking> Bookings)> rooms)
    {
        var included = rooms.ToDictionary(r => r.Room.SpaceId, r => r.Room.IncludedHoursPerMonth * 60);
        return spaceId => included.GetValueOrDefault(spaceId);
    }
}

/// <summary>A room's line of the "included hours left" table: for each company, minutes left and included (null: none included).</summary>
public sealed record QuotaRow(int SpaceId, string Code, IReadOnlyList<(BookingCompany Company, int Left, int Included)?> Companies)
{
    public static IReadOnlyList<QuotaRow> Of(IEnumerable<(int SpaceId, string Code)> rooms, IReadOnlyList<BookingCompany> companies,
        IReadOnlyList<RoomMonthUse> used, Func<int, int> includedMinutes)
    {
        var byKey = used.ToDictionary(u => (u.CompanyId, u.SpaceId));
        return [.. rooms.Select(r =>
        {
            var included = includedMinutes(r.SpaceId);
            return new QuotaRow(r.SpaceId, r.Code, [.. companies.Select(c => included == 0
                ? ((BookingCompany, int, int)?)null
                : (c, byKey.TryGetValue((c.Id, r.SpaceId), out var u) ? Math.Max(0, included - u.UsedMinutes) : included, included))]);
        })];
    }
}
