namespace Technopark.Domain.Common;

/// <summary>
/// A half-open period of calendar days <c>[Start, End)</c>. <see cref="End"/> is the first day
/// no longer in the period; null means open-ended. A period that ends on the day the next one
/// starts does not overlap it.
/// </summary>
public sealed record DateRange
{
    public DateRange(DateOnly start, DateOnly? end)
    {
        if (end is { } e && e <= start)
        {
            throw new DomainException("Period.EndNotAfterStart") { Field = nameof(End) };
        }

        Start = start;
        End = end;
    }

    public DateOnly Start { get; }

    public DateOnly? End { get; }

    /// <summary>The last day inside the period (what people mean by "until"), or null when open.</summary>
    public DateOnly? LastDay => End?.AddDays(-1);

    public bool IsOpenEnded => End is null;

    public bool Contains(DateOnly day) => day >= Start && (End is null || day < End);

    public bool Overlaps(DateRange other) =>
        (End is null || other.Start < End) && (other.End is null || Start < other.End);

    /// <summary>A period typed by a person (first and last day): both days must be within <see cref="DateRangeLimits"/>.</summary>
    public static DateRange FromLastDay(DateOnly start, DateOnly? lastDay) =>
        new(DateRangeLimits.Check(start, nameof(Start)), DateRangeLimits.EndAfter(lastDay));
}
