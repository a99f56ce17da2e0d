using Technopark.Domain.Common;

namespace Technopark.Domain.Rooms;

/// <summary>
/// A room's opening hours, one window per weekday in wall-clock minutes since midnight (0–1440, 1440 = midnight at the
/// end of the day). A day whose opening equals its closing is closed. Stored as 14 integers, Monday first.
/// </summary>
public sealed class WeeklyHours
{
    public const int MinutesPerDay = 24 * 60;

    private readonly int[] _minutes;

    public WeeklyHours(IReadOnlyList<int> minutes)
    {
        Guard.That(minutes.Count == 14, "Rooms.Hours.Invalid", nameof(minutes));
        for (var i = 0; i < 14; i += 2)
        {
            Guard.That(minutes[i] is >= 0 and <= MinutesPerDay && minutes[i + 1] is >= 0 and <= MinutesPerDay && minutes[i] <= minutes[i + 1],
                "Rooms.Hours.Invalid", Field((DayOfWeek)((i / 2 + 1) % 7)));
            Guard.That(minutes[i] % Booking.Granularity == 0 && minutes[i + 1] % Booking.Granularity == 0,
                "Rooms.Hours.Granularity", Field((DayOfWeek)((i / 2 + 1) % 7)), Booking.Granularity);
        }

        _minutes = [.. minutes];
    }

    /// <summary>Monday to Friday from <paramref name="opens"/> to <paramref name="closes"/>, Saturday and Sunday closed.</summary>
    public static WeeklyHours Weekdays(int opens, int closes) =>
        new([opens, closes, opens, closes, opens, closes, opens, closes, opens, closes, 0, 0, 0, 0]);

    /// <summary>Every day, the whole day.</summary>
    public static WeeklyHours AlwaysOpen { get; } = new([.. Enumerable.Repeat(new[] { 0, MinutesPerDay }, 7).SelectMany(d => d)]);

    /// <summary>The 14 stored integers, Monday first.</summary>
    public int[] ToArray() => [.. _minutes];

    public (int Opens, int Closes) On(DayOfWeek day)
    {
        var i = ((int)day + 6) % 7 * 2;
        return (_minutes[i], _minutes[i + 1]);
    }

    public bool IsOpen(DayOfWeek day) => On(day) is var (opens, closes) && closes > opens;

    /// <summary>Whether the window [start, end) of wall-clock minutes of a day lies within that day's opening hours.</summary>
    public bool Covers(DayOfWeek day, int startMinute, int endMinute) =>
        On(day) is var (opens, closes) && closes > opens && startMinute >= opens && endMinute <= closes;

    /// <summary>The form field of a weekday's hours ("Hours.Monday").</summary>
    public static string Field(DayOfWeek day) => $"Hours.{day}";
}
