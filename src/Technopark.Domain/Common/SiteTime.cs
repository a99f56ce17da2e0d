namespace Technopark.Domain.Common;

/// <summary>
/// The sites' wall clock: <c>Africa/Casablanca</c> from the system time-zone database (Morocco moves its clocks back
/// for Ramadan and forward after it; never a fixed offset). Bookings and events are instants; people read and type
/// them as a day and a wall-clock time here.
/// </summary>
public static class SiteTime
{
    public const string ZoneId = "Africa/Casablanca";

    public static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>False when the machine has no time-zone database and <see cref="Zone"/> fell back to UTC (up to an hour off; the app warns at start).</summary>
    public static bool FromTimeZoneDatabase => Zone.Id == ZoneId;

    /// <summary>The wall-clock time an instant shows in Morocco.</summary>
    public static DateTime Local(DateTimeOffset instant) =>
        DateTime.SpecifyKind(instant.UtcDateTime.Add(Zone.GetUtcOffset(instant)), DateTimeKind.Unspecified);

    /// <summary>The Moroccan calendar day of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant));

    /// <summary>The Moroccan calendar month (its first day) of an instant.</summary>
    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var day = DayOf(instant);
        return new DateOnly(day.Year, day.Month, 1);
    }

    /// <summary>The instant a Moroccan calendar day starts (midnight, or the first time the clock shows that day).</summary>
    public static DateTimeOffset StartOf(DateOnly day) => Instant(day, 0, skipped: SkippedTime.MoveLater);

    /// <summary>
    /// The instant the Moroccan wall clock shows <paramref name="minuteOfDay"/> (0–1440; 1440 is the next midnight) on
    /// <paramref name="day"/>. A time the clock shows twice (when it moves back) is its first showing; a time it skips
    /// (when it moves forward) is refused with <c>Rooms.Time.Skipped</c>, unless <paramref name="skipped"/> says to move it
    /// to the first instant after the gap.
    /// </summary>
    public static DateTimeOffset Instant(DateOnly day, int minuteOfDay, SkippedTime skipped = SkippedTime.Refuse)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).AddMinutes(minuteOfDay);
        if (FirstShowing(local) is { } instant)
        {
            return instant;
        }

        if (skipped == SkippedTime.Refuse)
        {
            throw new DomainException("Rooms.Time.Skipped", local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }

        // The clock jumps forward over a whole number of minutes: the first valid minute is the end of the gap.
        for (var later = local.AddMinutes(1); ; later = later.AddMinutes(1))
        {
            if (FirstShowing(later) is { } next)
            {
                return next;
            }
        }
    }

    /// <summary>Whether the wall clock skips <paramref name="minuteOfDay"/> on <paramref name="day"/> (the night it moves forward).</summary>
    public static bool IsSkipped(DateOnly day, int minuteOfDay) =>
        FirstShowing(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).AddMinutes(minuteOfDay)) is null;

    /// <summary>
    /// The first instant the wall clock shows <paramref name="local"/>, or null when it skips it. Computed from the offsets the
    /// database gives instants (its transitions), not from <see cref="TimeZoneInfo.IsInvalidTime"/> and
    /// <see cref="TimeZoneInfo.IsAmbiguousTime"/>: .NET reads Morocco's Ramadan hour as a negative daylight saving time and
    /// does not see the hour skipped when the clock moves forward after Ramadan (SiteTimeTests).
    /// </summary>
    private static DateTimeOffset? FirstShowing(DateTime local)
    {
        // An offset the clock has at this reading is in force at an instant within 14 hours of it; probing every 3 hours
        // finds each offset in force around it (Morocco's last weeks).
        var asUtc = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
        DateTimeOffset? first = null;
        for (var hours = -15; hours <= 15; hours += 3)
        {
            var offset = Zone.GetUtcOffset(asUtc.AddHours(hours));
            var instant = asUtc - offset;
            if (Zone.GetUtcOffset(instant) == offset && (first is null || instant < first))
            {
                first = instant;
            }
        }

        return first;
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc; // a container without tzdata: UTC is at most one hour off
        }
    }
}

/// <summary>What <see cref="SiteTime.Instant"/> does with a wall-clock time that does not exist that day.</summary>
public enum SkippedTime
{
    Refuse,
    MoveLater,
}
