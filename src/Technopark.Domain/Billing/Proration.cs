using Technopark.Domain.Common;

namespace Technopark.Domain.Billing;

/// <summary>How much of a month a stay held: the days of its half-open period <c>[Start, End)</c> inside the month's.</summary>
public static class Proration
{
    /// <summary>The part of <paramref name="stay"/> inside <paramref name="month"/> (null when none).</summary>
    public static DateRange? Within(DateRange stay, BillingMonth month)
    {
        var start = stay.Start > month.First ? stay.Start : month.First;
        var end = stay.End is { } e && e < month.End ? e : month.End;
        return start < end ? new DateRange(start, end) : null;
    }

    /// <summary>The days of <paramref name="stay"/> in <paramref name="month"/>: a move-in on the 31st holds one day; a whole month holds them all.</summary>
    public static int DaysHeld(DateRange stay, BillingMonth month) =>
        Within(stay, month) is { } held ? held.End!.Value.DayNumber - held.Start.DayNumber : 0;

    /// <summary>A monthly amount for the days held: <c>monthly × days / days in month</c>, rounded once (a whole month is exactly the monthly amount).</summary>
    public static decimal Prorate(decimal monthly, int daysHeld, BillingMonth month) =>
        Money.Round(monthly * daysHeld / month.Days);
}
