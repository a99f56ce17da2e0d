namespace Technopark.Domain.Rooms;

/// <summary>A span of time when a room is free to be booked: any booking within [Start, End) fits.</summary>
public sealed record FreeSlot(int SpaceId, DateTimeOffset Start, DateTimeOffset End)
{
    public int Minutes => (int)(End - Start).TotalMinutes;
}

/// <summary>A live booking as the free-slot search sees it: the room is held from its start until its blocked-until.</summary>
public sealed record HeldTime(DateTimeOffset Start, DateTimeOffset BlockedUntil);

/// <summary>
/// Where a room is free on a day: within its opening hours, not before <c>now</c>, on quarter hours, outside every live
/// booking and clear of the cleaning buffer on both sides (a new booking ends a buffer before the next one starts and
/// starts after the previous one's buffer).
/// </summary>
public static class FreeSlots
{
    /// <summary>The free spans of one room on one day, within the window [<paramref name="from"/>, <paramref name="to"/>), at least <paramref name="minutes"/> long.</summary>
    public static IReadOnlyList<FreeSlot> Of(BookableRoom room, DateOnly day, IEnumerable<HeldTime> held, DateTimeOffset from, DateTimeOffset to,
        int minutes, DateTimeOffset now)
    {
        var hours = room.Settings.Hours.On(day.DayOfWeek);
        if (hours.Closes <= hours.Opens || !room.Space.IsActive)
        {
            return [];
        }

        var opens = Common.SiteTime.Instant(day, hours.Opens, Common.SkippedTime.MoveLater);
        var closes = Common.SiteTime.Instant(day, hours.Closes, Common.SkippedTime.MoveLater);
        var start = Max(Max(opens, from), CeilQuarter(now));
        var end = Min(closes, to);
        var wanted = Math.Max(minutes, room.Settings.MinBookingMinutes);
        var buffer = TimeSpan.FromMinutes(room.Settings.BufferMinutes);
        var slots = new List<FreeSlot>();
        var cursor = CeilQuarter(start);
        foreach (var h in held.Where(h => h.BlockedUntil > start && h.Start - buffer < end).OrderBy(h => h.Start))
        {
            var freeEnd = FloorQuarter(Min(end, h.Start - buffer));
            Add(slots, room.Space.Id, cursor, freeEnd, wanted);
            cursor = Max(cursor, CeilQuarter(h.BlockedUntil));
        }

        Add(slots, room.Space.Id, cursor, FloorQuarter(end), wanted);
        return slots;
    }

    /// <summary>
    /// Up to <paramref name="count"/> slots of <paramref name="minutes"/> in the free spans, not overlapping one another, the
    /// nearest to <paramref name="wanted"/> first (earlier before later when as near): what to offer when a slot was just taken.
    /// </summary>
    public static IReadOnlyList<FreeSlot> Nearest(IEnumerable<FreeSlot> free, DateTimeOffset wanted, int minutes, int count = 3)
    {
        var length = TimeSpan.FromMinutes(minutes);
        var candidates = new List<FreeSlot>();
        foreach (var span in free.Where(f => f.Minutes >= minutes))
        {
            // The start nearest the one wanted, then the slots one length further away on each side: offers that do not overlap.
            var latestStart = span.End - length;
            var nearest = wanted < span.Start ? span.Start : wanted > latestStart ? latestStart : CeilQuarter(wanted);
            if (nearest > latestStart)
            {
                nearest = FloorQuarter(latestStart);
            }

            for (var (start, i) = (nearest, 0); start <= latestStart && i < count; start += length, i++)
            {
                candidates.Add(new FreeSlot(span.SpaceId, start, start + length));
            }

            for (var (start, i) = (nearest - length, 0); start >= span.Start && i < count; start -= length, i++)
            {
                candidates.Add(new FreeSlot(span.SpaceId, start, start + length));
            }
        }

        return [.. candidates.OrderBy(c => (c.Start - wanted).Duration()).ThenBy(c => c.Start).Take(count)];
    }

    private static void Add(List<FreeSlot> slots, int spaceId, DateTimeOffset start, DateTimeOffset end, int minutes)
    {
        if ((end - start).TotalMinutes >= minutes)
        {
            slots.Add(new FreeSlot(spaceId, start, end));
        }
    }

    private static DateTimeOffset CeilQuarter(DateTimeOffset t)
    {
        var ticks = TimeSpan.FromMinutes(Booking.Granularity).Ticks;
        var utc = t.UtcTicks;
        return new DateTimeOffset((utc + ticks - 1) / ticks * ticks, TimeSpan.Zero);
    }

    private static DateTimeOffset FloorQuarter(DateTimeOffset t)
    {
        var ticks = TimeSpan.FromMinutes(Booking.Granularity).Ticks;
        return new DateTimeOffset(t.UtcTicks / ticks * ticks, TimeSpan.Zero);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
