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

    /// <summary>The wall-clock time an instant shows in Morocco.</summary>
    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

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
        if (IsSkipped(local))
        {
            if (skipped == SkippedTime.Refuse)
            {
                throw new DomainException("Rooms.Time.Skipped", local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            }

            // The clock jumps forward over a whole number of minutes: the first valid minute is the end of the gap.
            while (IsSkipped(local))
            {
                local = local.AddMinutes(1);
            }
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Whether the wall clock skips <paramref name="minuteOfDay"/> on <paramref name="day"/> (the night it moves forward).</summary>
    public static bool IsSkipped(DateOnly day, int minuteOfDay) =>
        IsSkipped(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).AddMinutes(minuteOfDay));

    /// <summary>
    /// Whether the wall clock never shows <paramref name="local"/>. Morocco's zone is written with a negative daylight
    /// saving (+01 all year, +00 during Ramadan), and .NET's <see cref="TimeZoneInfo.IsInvalidTime"/> does not see the gap
    /// when the clock moves forward after Ramadan (02:00 → 03:00): a time in it is the one that does not come back from
    /// its own instant.
    /// </summary>
    private static bool IsSkipped(DateTime local) =>
        Zone.IsInvalidTime(local) || TimeZoneInfo.ConvertTime(new DateTimeOffset(local, Zone.GetUtcOffset(local)), Zone).DateTime != local;

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
