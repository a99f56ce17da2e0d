using CsCheck;
using Technopark.Domain.Network;

namespace Technopark.Domain.Tests.Network;

/// <summary>The network KPIs of ../shared/DESIGN.md; percentages with one decimal, halves rounded away from zero (found by the differential test of the figures).</summary>
public class NetworkKpisTests
{
    [Theory]
    [InlineData(9, 16, "56.3")]   // 56.25: banker's rounding gave 56.2
    [InlineData(1, 16, "6.3")]    // 6.25: banker's rounding gave 6.2
    [InlineData(1, 3, "33.3")]
    [InlineData(2, 3, "66.7")]
    public void Rate_Halfway_RoundsHalfAwayFromZero(int part, int whole, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), NetworkKpis.Rate(part, whole));
    }

    [Fact]
    public void Rate_NothingToDivideBy_IsNull()
    {
        Assert.Null(NetworkKpis.Rate(0, 0));
        Assert.Null(NetworkKpis.Rate(5, -1));
        Assert.Null(NetworkKpis.Rate(0m, 0m));
    }

    /// <summary>The rate of whole numbers in integers is the rate's definition in decimals, value and scale, on any pair of ints.</summary>
    [Fact]
    public void Rate_OfWholeNumbers_EqualsTheDecimalDefinition_OnRandomPairs()
    {
        Gen.Select(Gen.Int, Gen.Int[1, int.MaxValue], Gen.Int[-2_000, 2_000], Gen.Int[1, 2_000])
            .Sample((part, whole, smallPart, smallWhole) =>
            {
                Assert.Equal(Written(NetworkKpis.Rate((decimal)part, whole)), Written(NetworkKpis.Rate(part, whole)));
                Assert.Equal(Written(NetworkKpis.Rate((decimal)smallPart, smallWhole)), Written(NetworkKpis.Rate(smallPart, smallWhole)));
            }, iter: 200_000);
    }

    /// <summary>Every part of every whole up to 400, each midpoint among them (1/16, 3/8, 5/400…): halves away from zero.</summary>
    [Fact]
    public void Rate_OfWholeNumbers_EqualsTheDecimalDefinition_OnEverySmallFraction()
    {
        for (var whole = 1; whole <= 400; whole++)
        {
            for (var part = -whole; part <= 2 * whole; part++)
            {
                Assert.Equal(Written(NetworkKpis.Rate((decimal)part, whole)), Written(NetworkKpis.Rate(part, whole)));
            }
        }
    }

    /// <summary>The rate as data attributes and JSON write it: the value and its scale ("75", "75.0", "62.5").</summary>
    private static string? Written(decimal? rate) => rate?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Compute_TurnoverOnAHalfway_RoundsHalfAwayFromZero()
    {
        // 1 departure over 16 residents on average: 6.25 %; 0.25 residents on average shows as 0.3.
        var kpis = NetworkKpis.Compute(new NetworkDay(0, 0, 0, 0, 0, 0), Turnover(1, 16 * 12)).ToDictionary(k => k.Key);
        var few = NetworkKpis.Compute(new NetworkDay(0, 0, 0, 0, 0, 0), Turnover(0, 3)).ToDictionary(k => k.Key);

        Assert.Equal(6.3m, kpis["Turnover"].Value);
        Assert.Equal(0.3m, few["Turnover"].Denominator);
    }

    [Fact]
    public void Compute_TurnoverOverAnAverageInThirds_DividesExactly()
    {
        // 8 departures over 512 / 12 = 42.666… residents on average: exactly 18.75 %. Carried as a float, the average made it
        // 18.7499… and 18.7 (found by the differential test, seed 1116216568, day 2026-03-30).
        var kpis = NetworkKpis.Compute(new NetworkDay(0, 0, 0, 0, 0, 0), Turnover(8, 512)).ToDictionary(k => k.Key);

        Assert.Equal(18.8m, kpis["Turnover"].Value);
        Assert.Equal(42.7m, kpis["Turnover"].Denominator);
    }

    [Fact]
    public void Compute_HandMadeDay_EachKpiFollowsItsDefinition()
    {
        var network = new NetworkDay(OfficesTotal: 40, OfficesOccupied: 30, SeatsTotal: 0, SeatsOccupied: 0, EndingSoon: 2, Waiting: 5);
        var outcomes = new KpiFigures(Graduated: 6, Closed: 2, SurvivalCohort: 7, SurvivalActive: 4, SurvivalInactive: 1, Departures: 3, ResidentSamples: 120,
            Population: 40, Jobs: 250.5m, JobsCovered: 30, Revenue: 1_500_000.50m, Funds: 80_000m, YearlyCovered: 25);

        var kpis = NetworkKpis.Compute(network, outcomes).ToDictionary(k => k.Key);

        Assert.Equal(75.0m, kpis["OfficeOccupancy"].Value);            // occupied offices / active offices
        Assert.Null(kpis["SeatOccupancy"].Value);                       // no coworking seat: nothing to divide by
        Assert.Equal((75.0m, 6m, 8m), (kpis["Success"].Value!.Value, kpis["Success"].Numerator!.Value, kpis["Success"].Denominator!.Value)); // graduated / (graduated + closed)
        Assert.Equal(80.0m, kpis["Survival"].Value);                    // known active / (known active + known inactive)
        Assert.Equal(new KpiCoverage(5, 7), kpis["Survival"].Coverage);    // known of the cohort
        Assert.Equal((30.0m, 10.0m), (kpis["Turnover"].Value!.Value, kpis["Turnover"].Denominator!.Value)); // 3 departures / 10 residents on average
        Assert.Equal((250.5m, KpiUnit.Fte, new KpiCoverage(30, 40)), (kpis["Jobs"].Value!.Value, kpis["Jobs"].Unit, kpis["Jobs"].Coverage));
        Assert.Equal((1_500_000.50m, new KpiCoverage(25, 40)), (kpis["Revenue"].Value!.Value, kpis["Revenue"].Coverage));
        Assert.Equal((80_000m, KpiUnit.Money, new KpiCoverage(25, 40)), (kpis["Funds"].Value!.Value, kpis["Funds"].Unit, kpis["Funds"].Coverage));
        Assert.Null(kpis["Success"].Coverage);                            // not from declarations
        Assert.Equal(KpiDrillDown.All.Order(), kpis.Values.Select(k => k.DrillDown).Distinct().Order());
    }

    private static KpiFigures Turnover(int departures, int residentSamples) =>
        new(0, 0, 0, 0, 0, departures, residentSamples, 0, 0m, 0, 0m, 0m, 0);
}
