using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;

namespace Technopark.Domain.Network;

/// <summary>Which declarations count in the KPIs: the validated ones (the default), or every declared one.</summary>
public enum FiguresMode
{
    Validated,
    Declared,
}

/// <summary>What a company in the survival cohort is known to be, five years after it left.</summary>
public enum SurvivalOutcome
{
    /// <summary>Nothing counted says whether it is still active five years on.</summary>
    Unknown,
    Active,
    Inactive,
}

/// <summary>
/// The definitions of the KPIs computed from the companies' declarations (jobs, revenue, funds raised, 5-year survival),
/// the one place they are written in code; the SQL of the HQ figures and the KPI definition resources follow them.
/// <list type="bullet">
/// <item>A declaration <b>counts on D</b> when its period has ended by D and, in <see cref="FiguresMode.Validated"/> mode,
/// it is validated. The figures used are always <see cref="Declaration.Figures"/> (a site's correction counts).</item>
/// <item>The <b>population</b> P(D), "residents and alumni who report": companies hosted by D (an assignment starting on
/// or before D) that have not left by D, or left within the <see cref="AlumniYears"/> years before D other than as closed.</item>
/// <item>A company's <b>latest</b> counted declaration is the one whose period ends last; a year wins over its Q4.</item>
/// <item><b>Jobs</b>: Σ over P(D) of the headcount of the latest counted declaration; covered: companies with one.</item>
/// <item><b>Revenue</b>: Σ over P(D) of the revenue of the latest counted yearly declaration; covered: companies with one.</item>
/// <item><b>Funds raised</b>: Σ over P(D) of the funds of every counted yearly declaration; covered as revenue.</item>
/// <item><b>5-year survival</b>: among companies that left at least <see cref="SurvivalYears"/> years before D, active /
/// (active + inactive) per <see cref="Survival"/>; covered: active + inactive, of the cohort.</item>
/// </list>
/// </summary>
public static class ReportedFigures
{
    /// <summary>Alumni count in the population for this many years after they left (they are asked to report that long).</summary>
    public const int AlumniYears = ReportingSchedule.AlumniYears;

    /// <summary>The survival cohort left at least this many years before D.</summary>
    public const int SurvivalYears = 5;

    /// <summary>The query-string value of each mode (<c>?figures=declared</c>).</summary>
    public const string ValidatedKey = "validated";
    public const string DeclaredKey = "declared";

    /// <summary>The mode asked for: declared when the value says so, else validated.</summary>
    public static FiguresMode ModeOf(string? value) =>
        string.Equals(value, DeclaredKey, StringComparison.OrdinalIgnoreCase) ? FiguresMode.Declared : FiguresMode.Validated;

    public static string KeyOf(FiguresMode mode) => mode == FiguresMode.Declared ? DeclaredKey : ValidatedKey;

    /// <summary>The company is in P(D), given the first day it was hosted (null: never) and how and when it left.</summary>
    public static bool InPopulation(DateOnly? firstHostedOn, ExitReason? exitReason, DateOnly? exitedOn, DateOnly day) =>
        firstHostedOn is { } first && first <= day
        && (exitedOn is not { } exit || exit > day || (exitReason != ExitReason.Closed && exit > day.AddYears(-AlumniYears)));

    /// <summary>A declaration of <paramref name="period"/> with <paramref name="status"/> counts in D's figures.</summary>
    public static bool Counts(ReportingPeriod period, DeclarationStatus status, FiguresMode mode, DateOnly day) =>
        period.CountsOn(day) && (mode == FiguresMode.Declared || status == DeclarationStatus.Validated);

    /// <summary>The latest of some periods (the one that ends last; a year before its Q4), or null when there is none.</summary>
    public static T? Latest<T>(IEnumerable<T> items, Func<T, ReportingPeriod> period)
        where T : class =>
        items.OrderByDescending(i => period(i).EndExclusive).ThenBy(i => period(i).IsYear ? 0 : 1).FirstOrDefault();

    /// <summary>The company left at least <see cref="SurvivalYears"/> years before D.</summary>
    public static bool InSurvivalCohort(DateOnly? exitedOn, DateOnly day) => exitedOn is { } exit && exit <= day.AddYears(-SurvivalYears);

    /// <summary>
    /// What a company of the cohort is known to be: inactive when it left as closed, or its latest counted declaration
    /// says it is not active; active when it did not close, and its latest counted declaration says it is active and is
    /// about a period whose last day is at least <see cref="SurvivalYears"/> years after it left; otherwise unknown.
    /// </summary>
    public static SurvivalOutcome Survival(ExitReason? exitReason, DateOnly exitedOn, ReportingPeriod? latest, bool? latestStillActive)
    {
        if (exitReason == ExitReason.Closed || latestStillActive == false)
        {
            return SurvivalOutcome.Inactive;
        }

        return latest is { } period && latestStillActive == true && period.LastDay >= exitedOn.AddYears(SurvivalYears)
            ? SurvivalOutcome.Active
            : SurvivalOutcome.Unknown;
    }
}
