namespace Technopark.Domain.Network;

public enum KpiUnit
{
    Percent,
    Count,
    Money,

    /// <summary>Full-time equivalents: a count with one decimal.</summary>
    Fte,
}

/// <summary>How many companies a figure rests on (<paramref name="Covered"/>) of those it is about (<paramref name="Population"/>).</summary>
public sealed record KpiCoverage(int Covered, int Population);

/// <summary>
/// One headline figure: its key (resources "Kpi.{Key}.Name/Definition"), value, the numbers it comes from, and its drill-down.
/// A denominator that is an average of counts (<paramref name="MeanDenominator"/>) is shown with one decimal and
/// its own sentence (resource "Kpi.{Key}.Basis"); other numerators and denominators are counts. A figure computed from the
/// companies' declarations has its <paramref name="Coverage"/>.
/// </summary>
public sealed record Kpi(string Key, decimal? Value, KpiUnit Unit, decimal? Numerator, decimal? Denominator, string DrillDown, bool MeanDenominator = false,
    KpiCoverage? Coverage = null);

/// <summary>The network's totals on a day, operational sites only.</summary>
public sealed record NetworkDay(int OfficesTotal, int OfficesOccupied, int SeatsTotal, int SeatsOccupied, int EndingSoon, int Waiting)
{
    public int OfficesFree => OfficesTotal - OfficesOccupied;

    public decimal? OfficeRate => NetworkKpis.Rate(OfficesOccupied, OfficesTotal);
}

/// <summary>
/// The outcome figures of the network on a day, computed from the records. <see cref="ResidentSamples"/> sums the residents
/// counted on <see cref="Samples"/> days a month apart, kept whole so that the turnover divides exactly (an average carried
/// as a float turned 18.75 % into 18.7 %). The reported figures follow <see cref="ReportedFigures"/>: the survival cohort
/// and its known active and inactive companies; the population P(D) and, of it, the companies with a counted declaration
/// (<see cref="JobsCovered"/>) and with a counted yearly one (<see cref="YearlyCovered"/>, for revenue and funds).
/// </summary>
public sealed record KpiFigures(
    int Graduated, int Closed, int SurvivalCohort, int SurvivalActive, int SurvivalInactive, int Departures, int ResidentSamples,
    int Population, decimal Jobs, int JobsCovered, decimal Revenue, decimal Funds, int YearlyCovered)
{
    /// <summary>Days on which residents are counted for the turnover: D and the same day of each of the 11 months before.</summary>
    public const int Samples = 12;

    public decimal AverageResidents => ResidentSamples / (decimal)Samples;
}

/// <summary>
/// The network's KPIs as ../shared/DESIGN.md defines them, from the day's occupancy totals and outcome counts: occupancy of
/// offices and seats, incubation success, 5-year survival, turnover over 12 months, jobs, revenue and funds raised.
/// </summary>
public static class NetworkKpis
{
    /// <summary>The KPIs on a day, in display order.</summary>
    public static IReadOnlyList<Kpi> Compute(NetworkDay network, KpiFigures f) =>
    [
        new("OfficeOccupancy", Rate(network.OfficesOccupied, network.OfficesTotal), KpiUnit.Percent, network.OfficesOccupied, network.OfficesTotal, KpiDrillDown.Occupancy),
        new("SeatOccupancy", Rate(network.SeatsOccupied, network.SeatsTotal), KpiUnit.Percent, network.SeatsOccupied, network.SeatsTotal, KpiDrillDown.Occupancy),
        new("Success", Rate(f.Graduated, f.Graduated + f.Closed), KpiUnit.Percent, f.Graduated, f.Graduated + f.Closed, KpiDrillDown.Success),
        new("Survival", Rate(f.SurvivalActive, f.SurvivalActive + f.SurvivalInactive), KpiUnit.Percent, f.SurvivalActive, f.SurvivalActive + f.SurvivalInactive,
            KpiDrillDown.Survival, Coverage: new(f.SurvivalActive + f.SurvivalInactive, f.SurvivalCohort)),
        new("Turnover", Rate(f.Departures * KpiFigures.Samples, f.ResidentSamples), KpiUnit.Percent, // departures / (samples / 12), exactly
            f.Departures, Math.Round(f.AverageResidents, 1, MidpointRounding.AwayFromZero), KpiDrillDown.Turnover, MeanDenominator: true),
        new("Jobs", f.Jobs, KpiUnit.Fte, null, null, KpiDrillDown.Jobs, Coverage: new(f.JobsCovered, f.Population)),
        new("Revenue", f.Revenue, KpiUnit.Money, null, null, KpiDrillDown.Revenue, Coverage: new(f.YearlyCovered, f.Population)),
        new("Funds", f.Funds, KpiUnit.Money, null, null, KpiDrillDown.Funds, Coverage: new(f.YearlyCovered, f.Population)),
    ];

    /// <summary>
    /// A percentage with one decimal, rounded half away from zero as every figure of the app (9 of 16 is 56.3 %, not the
    /// 56.2 % of Math.Round's default banker's rounding), or null when there is nothing to divide by.
    /// </summary>
    public static decimal? Rate(decimal part, decimal whole) => whole > 0 ? Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// <see cref="Rate(decimal, decimal)"/> of whole numbers (offices, seats, companies) without a decimal division: the tenths of
    /// a percent rounded half away from zero in integers (the trend computes 2,000 of them a page). Equal for every pair of ints
    /// (NetworkKpisTests compares both on random pairs and on every midpoint of small wholes).
    /// </summary>
    public static decimal? Rate(int part, int whole)
    {
        if (whole <= 0)
        {
            return null;
        }

        var magnitude = Math.Abs((long)part);
        var tenths = ((2000L * magnitude) + whole) / (2L * whole); // ⌊1000·|part|/whole + ½⌋
        // The decimal definition's scale too (it shows in data-* attributes and JSON): a whole percentage when the division is
        // exact ("75"), else one decimal ("62.5", "75.0" for 74.96).
        return 100L * magnitude % whole == 0
            ? new decimal(tenths / 10) * (part < 0 ? -1 : 1)
            : new decimal((int)tenths, (int)(tenths >> 32), 0, part < 0, 1);
    }
}
