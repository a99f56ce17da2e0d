namespace Technopark.Domain.Common;

/// <summary>
/// The days the app accepts anywhere (a period's days, a day asked in a URL, a filter): far enough back for
/// the network's history (2001) and forward for any contract, and far from the calendar's ends, where
/// "the next day" does not exist and where a report would scan centuries. One constant for validators,
/// query parameters and the domain.
/// </summary>
public static class DateRangeLimits
{
    public const string OutOfRangeCode = "Date.OutOfRange";

    public static readonly DateOnly Min = new(2000, 1, 1);

    public static readonly DateOnly Max = new(2100, 12, 31);

    public static bool Contains(DateOnly day) => day >= Min && day <= Max;

    /// <summary>Throws the coded error for <paramref name="field"/> when <paramref name="day"/> is outside the limits.</summary>
    public static DateOnly Check(DateOnly day, string field)
    {
        Guard.That(Contains(day), OutOfRangeCode, field, Min, Max);
        return day;
    }

    /// <summary>The first day after <paramref name="lastDay"/> (a half-open period's end), once the last day is checked.</summary>
    public static DateOnly? EndAfter(DateOnly? lastDay, string field = nameof(DateRange.End)) =>
        lastDay is { } last ? Check(last, field).AddDays(1) : null;
}
