using Technopark.Domain.Common;
using Technopark.Domain.Companies;

namespace Technopark.Domain.Reporting;

/// <summary>
/// Which years a company is asked to declare. A company reports every calendar year it was hosted in; after leaving,
/// alumni that graduated or relocated report each year for <see cref="AlumniYears"/> years (that is how "still active 5
/// years after leaving" becomes a fact), and a company that left as closed is asked once, for the year it left, to
/// confirm. A company that declared it is no longer active is asked nothing after that year.
/// </summary>
public static class ReportingSchedule
{
    public const int AlumniYears = 5;

    /// <param name="firstHostedOn">The first day of its first assignment; null when it was never hosted (nothing is due).</param>
    /// <param name="exitReason">How it left, when it has left.</param>
    /// <param name="exitedOn">When it left.</param>
    /// <param name="inactiveSince">The year of its first declaration saying it is no longer active, if any.</param>
    /// <param name="year">The year asked about.</param>
    public static bool IsDue(DateOnly? firstHostedOn, ExitReason? exitReason, DateOnly? exitedOn, int? inactiveSince, int year)
    {
        if (firstHostedOn is not { } first || first.Year > year)
        {
            return false;
        }

        if (inactiveSince is { } inactive && year > inactive)
        {
            return false;
        }

        if (exitedOn is not { } exit)
        {
            return true;
        }

        return exitReason == ExitReason.Closed ? year <= exit.Year : year <= exit.Year + AlumniYears;
    }

    /// <summary>The years due up to the last ended one on <paramref name="today"/>, oldest first.</summary>
    public static IReadOnlyList<int> YearsDue(DateOnly? firstHostedOn, ExitReason? exitReason, DateOnly? exitedOn, int? inactiveSince, DateOnly today)
    {
        if (firstHostedOn is not { } first)
        {
            return [];
        }

        var last = today.Year - 1;
        return [.. Enumerable.Range(first.Year, Math.Max(0, last - first.Year + 1)).Where(y => IsDue(firstHostedOn, exitReason, exitedOn, inactiveSince, y))];
    }

    /// <summary>
    /// Refuses a declaration for a year the company is not asked about (before it was hosted, past its five alumni years, after
    /// a closed company's exit year or after it said it was no longer active): <c>Declaration.YearNotDue</c> on the year.
    /// A quarter is declared for a year that is due.
    /// </summary>
    public static void EnsureDue(DateOnly? firstHostedOn, ExitReason? exitReason, DateOnly? exitedOn, int? inactiveSince, ReportingPeriod period) =>
        Guard.That(IsDue(firstHostedOn, exitReason, exitedOn, inactiveSince, period.Year), "Declaration.YearNotDue", "Year", period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)); // a year, not a count: never "2 027"
}

/// <summary>What <see cref="ReportingSchedule"/> needs to know about one company, read once and asked several questions.</summary>
public sealed record ReportingFacts(DateOnly? FirstHostedOn, ExitReason? ExitReason, DateOnly? ExitedOn, int? InactiveSince)
{
    public bool IsDue(int year) => ReportingSchedule.IsDue(FirstHostedOn, ExitReason, ExitedOn, InactiveSince, year);

    public IReadOnlyList<int> YearsDue(DateOnly today) => ReportingSchedule.YearsDue(FirstHostedOn, ExitReason, ExitedOn, InactiveSince, today);

    public void EnsureDue(ReportingPeriod period) => ReportingSchedule.EnsureDue(FirstHostedOn, ExitReason, ExitedOn, InactiveSince, period);

    /// <summary>A company that left as closed is asked once, for its exit year, to confirm it is no longer active.</summary>
    public bool IsClosedConfirmation(int year) => ExitReason == Companies.ExitReason.Closed && ExitedOn?.Year == year;
}
