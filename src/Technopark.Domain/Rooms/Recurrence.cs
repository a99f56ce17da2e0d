using Technopark.Domain.Common;

namespace Technopark.Domain.Rooms;

/// <summary>A weekly series: the same wall-clock times every week from the first day until a last day at most six months later.</summary>
public static class Recurrence
{
    public const int MaxMonths = 6;

    /// <summary>The days of the series: <paramref name="first"/>, then every seven days while on or before <paramref name="until"/>.</summary>
    public static IReadOnlyList<DateOnly> Weekly(DateOnly first, DateOnly until)
    {
        Guard.That(until >= first, "Rooms.Recurrence.UntilBeforeStart", "RepeatUntil");
        Guard.That(until <= first.AddMonths(MaxMonths), "Rooms.Recurrence.TooLong", "RepeatUntil", MaxMonths);
        var days = new List<DateOnly>();
        for (var day = first; day <= until; day = day.AddDays(7))
        {
            days.Add(day);
        }

        return days;
    }
}
