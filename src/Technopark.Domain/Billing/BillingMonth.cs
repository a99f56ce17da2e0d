using System.Globalization;
using Technopark.Domain.Common;

namespace Technopark.Domain.Billing;

/// <summary>A calendar month billed: the half-open period <c>[First, End)</c> of the site's days.</summary>
public readonly record struct BillingMonth(int Year, int Month) : IComparable<BillingMonth>
{
    public const string Format = "yyyy-MM";

    public DateOnly First => new(Year, Month, 1);

    /// <summary>The first day after the month.</summary>
    public DateOnly End => First.AddMonths(1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    public DateRange Period => new(First, End);

    public static BillingMonth Of(DateOnly day) => new(day.Year, day.Month);

    public BillingMonth Next => Of(End);

    public BillingMonth Previous => Of(First.AddMonths(-1));

    /// <summary>Reads <c>yyyy-MM</c> (the URL and form format); null when it is not a month.</summary>
    public static BillingMonth? Parse(string? text) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? Of(day) : null;

    public int CompareTo(BillingMonth other) => First.CompareTo(other.First);

    public static bool operator <(BillingMonth left, BillingMonth right) => left.CompareTo(right) < 0;

    public static bool operator <=(BillingMonth left, BillingMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >(BillingMonth left, BillingMonth right) => left.CompareTo(right) > 0;

    public static bool operator >=(BillingMonth left, BillingMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => First.ToString(Format, CultureInfo.InvariantCulture);
}
