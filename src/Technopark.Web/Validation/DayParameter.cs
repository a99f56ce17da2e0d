using System.Globalization;
using Technopark.Domain.Common;

namespace Technopark.Web.Validation;

/// <summary>
/// A day asked in a URL (?on=YYYY-MM-DD): a date within <see cref="DateRangeLimits"/>, else the page shows
/// today with a message next to the day field (<see cref="IsRejected"/>) — never an error page, never a
/// report over centuries.
/// </summary>
public static class DayParameter
{
    public static bool TryParse(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && DateRangeLimits.Contains(day);

    /// <summary>A day was asked that cannot be shown: not a date, or outside the limits.</summary>
    public static bool IsRejected(string? value) => !string.IsNullOrEmpty(value) && !TryParse(value, out _);

    public static DateOnly OrToday(string? value, DateOnly today) => TryParse(value, out var day) ? day : today;
}
