using Technopark.Domain.Common;
using Technopark.Domain.Rooms;

namespace Technopark.Web.Pages.Rooms;

/// <summary>One column of a grid: a room on a day (the day view: every room, one day; the week view: one room, seven days).</summary>
public sealed record GridColumn(ScheduleRoom Room, DateOnly Day, IReadOnlyList<ScheduleBooking> Bookings)
{
    public (int Opens, int Closes) Hours => Room.On(Day);

    public bool IsOpen => Hours.Closes > Hours.Opens;
}

public enum GridCellKind
{
    /// <summary>One or more bookings (those whose half-hours touch are drawn as one block).</summary>
    Booked,

    /// <summary>A half-hour with a free quarter to start a booking at.</summary>
    Free,

    /// <summary>Held by the cleaning buffer after a booking.</summary>
    Held,

    /// <summary>Within the opening hours, but gone by.</summary>
    Past,

    /// <summary>Outside the opening hours (the whole column when the room is closed that day).</summary>
    Closed,
}

/// <summary>
/// A cell spanning <see cref="Rows"/> half-hour rows from <see cref="Row"/>. A free cell offers a booking from
/// <see cref="Start"/> to <see cref="End"/> (wall-clock minutes: the room's shortest booking, at least an hour, clipped
/// to the closing time).
/// </summary>
public sealed record GridCell(GridCellKind Kind, int Row, int Rows, IReadOnlyList<ScheduleBooking> Bookings, int Start = 0, int End = 0);

/// <summary>
/// The day or week grid: wall-clock rows every 30 minutes from the earliest opening to the latest closing of its
/// columns (widened to any booking outside them). Bookings are placed by the wall-clock readings of their start and end
/// in the site's time (<see cref="SiteTime.Local"/>): on the night the clock moves, a booking is drawn as the clock reads it.
/// Built in one pass over the columns' bookings; the page renders each cell once (rowspans), 30 rooms × 28 rows included.
/// </summary>
public sealed class RoomGrid
{
    public const int RowMinutes = 30;

    /// <summary>A free half-hour offers a booking of at least this long (or the room's shortest, if longer).</summary>
    public const int OfferedMinutes = 60;

    private RoomGrid(IReadOnlyList<GridColumn> columns, IReadOnlyList<int> rows, IReadOnlyList<IReadOnlyList<GridCell>> cells)
    {
        Columns = columns;
        Rows = rows;
        Cells = cells;
    }

    public IReadOnlyList<GridColumn> Columns { get; }

    /// <summary>The wall-clock minute each row starts at.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>Per column, its cells in row order (each covering <see cref="GridCell.Rows"/> rows).</summary>
    public IReadOnlyList<IReadOnlyList<GridCell>> Cells { get; }

    public bool IsEmpty => Rows.Count == 0;

    public static RoomGrid Build(IReadOnlyList<GridColumn> columns, DateTimeOffset now)
    {
        var nowDay = SiteTime.DayOf(now);
        var nowLocal = SiteTime.Local(now);
        var nowMinute = nowLocal.Hour * 60 + nowLocal.Minute + (nowLocal.Second > 0 || nowLocal.Millisecond > 0 ? 1 : 0);
        // A booking of the day before whose cleaning buffer runs past midnight holds the room but is drawn on its own day only.
        var spans = columns.Select(c => c.Bookings.Select(b => (Booking: b, Start: WallMinute(b.Start, c.Day), End: WallMinute(b.End, c.Day),
            HeldUntil: WallMinute(b.BlockedUntil, c.Day), Drawn: b.End > SiteTime.StartOf(c.Day) && b.Start < SiteTime.StartOf(c.Day.AddDays(1)))).ToList()).ToList();
        var edges = columns.Where(c => c.IsOpen).SelectMany(c => new[] { c.Hours.Opens, c.Hours.Closes })
            .Concat(spans.SelectMany(s => s.Where(b => b.Drawn).SelectMany(b => new[] { b.Start, b.End }))).ToList();
        if (edges.Count == 0)
        {
            return new RoomGrid(columns, [], [.. columns.Select(_ => (IReadOnlyList<GridCell>)[])]);
        }

        var first = edges.Min() / RowMinutes * RowMinutes;
        var last = (edges.Max() + RowMinutes - 1) / RowMinutes * RowMinutes;
        var rows = Enumerable.Range(0, Math.Max(1, (last - first) / RowMinutes)).Select(i => first + i * RowMinutes).ToList();
        var cells = new List<IReadOnlyList<GridCell>>(columns.Count);
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var bookings = spans[c];
            if (!column.IsOpen && !bookings.Any(b => b.Drawn))
            {
                cells.Add([new GridCell(GridCellKind.Closed, 0, rows.Count, [])]);
                continue;
            }

            // Bookings whose half-hours touch become one block (e.g. 10:00–10:45 and 10:45–11:30 without a buffer).
            var blocks = new List<(int First, int Last, List<ScheduleBooking> Bookings)>();
            foreach (var b in bookings.Where(b => b.Drawn).OrderBy(b => b.Start))
            {
                var firstRow = Math.Clamp((b.Start - first) / RowMinutes, 0, rows.Count - 1);
                var lastRow = Math.Clamp((b.End - first + RowMinutes - 1) / RowMinutes - 1, firstRow, rows.Count - 1);
                if (blocks.Count > 0 && firstRow <= blocks[^1].Last)
                {
                    blocks[^1] = (blocks[^1].First, Math.Max(lastRow, blocks[^1].Last), [.. blocks[^1].Bookings, b.Booking]);
                }
                else
                {
                    blocks.Add((firstRow, lastRow, [b.Booking]));
                }
            }

            var (opens, closes) = column.Hours;
            var isPastDay = column.Day < nowDay;
            var isToday = column.Day == nowDay;
            bool IsFreeQuarter(int q) =>
                q >= opens && q + Booking.Granularity <= closes
                && !(isPastDay || (isToday && q < nowMinute))
                && !bookings.Any(b => b.Start < q + Booking.Granularity && q < b.HeldUntil)
                && !SiteTime.IsSkipped(column.Day, q);

            var list = new List<GridCell>();
            var blockIndex = 0;
            for (var r = 0; r < rows.Count; r++)
            {
                if (blockIndex < blocks.Count && blocks[blockIndex].First == r)
                {
                    var block = blocks[blockIndex++];
                    list.Add(new GridCell(GridCellKind.Booked, r, block.Last - block.First + 1, block.Bookings));
                    r = block.Last;
                    continue;
                }

                var m = rows[r];
                var free = Enumerable.Range(0, RowMinutes / Booking.Granularity).Select(i => m + i * Booking.Granularity).Where(IsFreeQuarter).Cast<int?>()
                    .FirstOrDefault();
                if (free is { } start)
                {
                    var end = Math.Min(start + Math.Max(column.Room.MinBookingMinutes, OfferedMinutes), closes);
                    list.Add(new GridCell(GridCellKind.Free, r, 1, [], start, end));
                    continue;
                }

                var kind = bookings.Any(b => b.Start < m + RowMinutes && m < b.HeldUntil) ? GridCellKind.Held
                    : m + RowMinutes > opens && m < closes && column.IsOpen ? GridCellKind.Past
                    : GridCellKind.Closed;
                if (list.Count > 0 && list[^1].Kind == kind && kind != GridCellKind.Booked && list[^1].Row + list[^1].Rows == r)
                {
                    list[^1] = list[^1] with { Rows = list[^1].Rows + 1 };
                }
                else
                {
                    list.Add(new GridCell(kind, r, 1, []));
                }
            }

            cells.Add(list);
        }

        return new RoomGrid(columns, rows, cells);
    }

    /// <summary>
    /// The cells of a column as an agenda (the phone's list): each booking, and each run of free half-hours as one span
    /// (from its first free start to the end of its last half-hour, clipped to the closing time).
    /// </summary>
    public IReadOnlyList<AgendaItem> Agenda(int column)
    {
        var items = new List<AgendaItem>();
        var closes = Columns[column].Hours.Closes;
        foreach (var cell in Cells[column])
        {
            if (cell.Kind == GridCellKind.Booked)
            {
                items.AddRange(cell.Bookings.Select(b => new AgendaItem(b, 0, 0)));
            }
            else if (cell.Kind == GridCellKind.Free)
            {
                var end = Math.Min(Rows[cell.Row] + RowMinutes, closes);
                if (items.Count > 0 && items[^1].Booking is null && items[^1].End == cell.Start)
                {
                    items[^1] = items[^1] with { End = end };
                }
                else
                {
                    items.Add(new AgendaItem(null, cell.Start, end, cell.End));
                }
            }
        }

        return items;
    }

    /// <summary>The minute of <paramref name="day"/> the site's wall clock shows at <paramref name="instant"/> (0 before the day, 1440 after it).</summary>
    public static int WallMinute(DateTimeOffset instant, DateOnly day)
    {
        var local = SiteTime.Local(instant);
        var days = DateOnly.FromDateTime(local).DayNumber - day.DayNumber;
        return Math.Clamp(days * WeeklyHours.MinutesPerDay + local.Hour * 60 + local.Minute, 0, WeeklyHours.MinutesPerDay);
    }
}

/// <summary>An agenda line: a booking, or a free span [Start, End) whose book link asks for [Start, OfferEnd).</summary>
public sealed record AgendaItem(ScheduleBooking? Booking, int Start, int End, int OfferEnd = 0);

/// <summary>What the grid partial draws: the grid, for whom, and how its columns are headed (rooms of a day, or days of a room's week).</summary>
public sealed record RoomGridView(RoomGrid Grid, string Slug, RoomAccess Access, bool IsWeek, string Caption, string BookUrl)
{
    /// <summary>The booking form's link for a free span (engineer B's contract: ?space=&amp;day=&amp;start=HH:mm&amp;end=HH:mm, end 00:00 = midnight).</summary>
    public string BookHref(GridColumn column, int start, int end) =>
        $"{BookUrl}?space={column.Room.SpaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)}&day={Localization.Display.Iso(column.Day)}&start={Booking.Clock(start)}&end={(end == WeeklyHours.MinutesPerDay ? "00:00" : Booking.Clock(end))}";

    /// <summary>No link for HQ reading without a role on the site.</summary>
    public bool CanBook => Access.CanBook;
}
