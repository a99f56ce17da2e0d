namespace Technopark.Domain.Network;

public enum KpiUnit
{
    Percent,
    Count,
    Money,
}

/// <summary>
/// One headline figure: its key (resources "Kpi.{Key}.Name/Definition"), value, the numbers it comes from, and its drill-down.
/// A denominator that is an average of counts (<paramref name="MeanDenominator"/>) is shown with one decimal and
/// its own sentence (resource "Kpi.{Key}.Basis"); other numerators and denominators are counts.
/// </summary>
public sealed record Kpi(string Key, decimal? Value, KpiUnit Unit, decimal? Numerator, decimal? Denominator, string DrillDown, bool MeanDenominator = false);

/// <summary>The network's totals on a day, operational sites only.</summary>
public sealed record NetworkDay(int OfficesTotal, int OfficesOccupied, int SeatsTotal, int SeatsOccupied, int EndingSoon, int Waiting)
{
    public int OfficesFree => OfficesTotal - OfficesOccupied;

    public decimal? OfficeRate => NetworkKpis.Rate(OfficesOccupied, OfficesTotal);
}

/// <summary>
/// The outcome figures of the network on a day, computed from the records. <see cref="ResidentSamples"/> sums the residents
/// counted on <see cref="Samples"/> days a month apart, kept whole so that the turnover divides exactly (an average carried
/// as a float turned 18.75 % into 18.7 %).
/// </summary>
public sealed record KpiFigures(
    int Graduated, int Closed, int SurvivalCohort, int Survivors, int Departures, int ResidentSamples, long Jobs, decimal Revenue)
{
    /// <summary>Days on which residents are counted for the turnover: D and the same day of each of the 11 months before.</summary>
    public const int Samples = 12;

    public decimal AverageResidents => ResidentSamples / (decimal)Samples;
}

/// <summary>
/// The network's KPIs as ../shared/DESIGN.md defines them, from the day's occupancy totals and outcome counts: occupancy of
/// offices and seats, incubation success, 5-year survival, turnover over 12 months, jobs and revenue.
/// </summary>
public static class NetworkKpis
{
    /// <summary>The KPIs on a day, in display order.</summary>
    public static IReadOnlyList<Kpi> Compute(NetworkDay network, KpiFigures f) =>
    [
        new("OfficeOccupancy", Rate(network.OfficesOccupied, network.OfficesTotal), KpiUnit.Percent, network.OfficesOccupied, network.OfficesTotal, KpiDrillDown.Occupancy),
        new("SeatOccupancy", Rate(network.SeatsOccupied, network.SeatsTotal), KpiUnit.Percent, network.SeatsOccupied, network.SeatsTotal, KpiDrillDown.Occupancy),
        new("Success", Rate(f.Graduated, f.Graduated + f.Closed), KpiUnit.Percent, f.Graduated, f.Graduated + f.Closed, KpiDrillDown.Success),
        new("Survival", Rate(f.Survivors, f.SurvivalCohort), KpiUnit.Percent, f.Survivors, f.SurvivalCohort, KpiDrillDown.Survival),
        new("Turnover", Rate(f.Departures * KpiFigures.Samples, f.ResidentSamples), KpiUnit.Percent, // departures / (samples / 12), exactly
            f.Departures, Math.Round(f.AverageResidents, 1, MidpointRounding.AwayFromZero), KpiDrillDown.Turnover, MeanDenominator: true),
        new("Jobs", f.Jobs, KpiUnit.Count, null, null, KpiDrillDown.Jobs),
        new("Revenue", f.Revenue, KpiUnit.Money, null, null, KpiDrillDown.Revenue),
    ];

    /// <summary>
    /// A percentage with one decimal, rounded half away from zero as every figure of the app (9 of 16 is 56.3 %, not the
    /// 56.2 % of Math.Round's default banker's rounding), or null when there is nothing to divide by.
    /// </summary>
    public static decimal? Rate(decimal part, decimal whole) => whole > 0 ? Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero) : null;
}
