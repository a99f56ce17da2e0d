using Technopark.Domain.Common;

namespace Technopark.Domain.Reporting;

/// <summary>
/// What a declaration is about: a calendar year, or one quarter of it (<see cref="Quarter"/> 1–4). A period can be
/// declared once it has ended, and counts in figures on a day D once it has ended by D (<see cref="CountsOn"/>).
/// </summary>
public sealed record ReportingPeriod
{
    public const int FirstYear = 2001; // the network's first site opened in 2001

    public ReportingPeriod(int year, int? quarter = null)
    {
        Guard.That(year >= FirstYear && year <= 9998, "Declaration.YearInvalid", nameof(Year), FirstYear);
        Guard.That(quarter is null or (>= 1 and <= 4), "Declaration.QuarterInvalid", nameof(Quarter));
        Year = year;
        Quarter = quarter;
    }

    public int Year { get; }

    /// <summary>1–4 for a quarter; null for the whole year.</summary>
    public int? Quarter { get; }

    public bool IsYear => Quarter is null;

    public DateOnly Start => new(Year, Quarter is { } q ? ((q - 1) * 3) + 1 : 1, 1);

    /// <summary>The first day after the period.</summary>
    public DateOnly EndExclusive => Quarter is { } q ? Start.AddMonths(3) : new DateOnly(Year + 1, 1, 1);

    /// <summary>The last day of the period.</summary>
    public DateOnly LastDay => EndExclusive.AddDays(-1);

    /// <summary>The period is over on <paramref name="day"/>: it may be declared, and counts in that day's figures.</summary>
    public bool CountsOn(DateOnly day) => EndExclusive <= day;

    /// <summary>The year a company is asked about on <paramref name="today"/>: the previous calendar year.</summary>
    public static ReportingPeriod YearDueOn(DateOnly today) => new(today.Year - 1);
}
