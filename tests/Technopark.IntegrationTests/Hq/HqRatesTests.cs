using Technopark.Infrastructure.Data.Queries;
using Technopark.Web.Pages.Hq;

namespace Technopark.IntegrationTests.Hq;

/// <summary>HQ's percentages: one decimal, halves rounded away from zero (found by the differential test of the figures).</summary>
public class HqRatesTests
{
    [Theory]
    [InlineData(9, 16, "56.3")]   // 56.25: banker's rounding gave 56.2
    [InlineData(1, 16, "6.3")]    // 6.25: banker's rounding gave 6.2
    [InlineData(1, 3, "33.3")]
    [InlineData(2, 3, "66.7")]
    public void Rate_Halfway_RoundsHalfAwayFromZero(int part, int whole, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), HqReports.Rate(part, whole));
    }

    [Fact]
    public void Rate_NothingToDivideBy_IsNull()
    {
        Assert.Null(HqReports.Rate(0, 0));
    }

    [Fact]
    public void Compute_TurnoverOnAHalfway_RoundsHalfAwayFromZero()
    {
        // 1 departure over 16 residents on average: 6.25 %; 0.25 residents on average shows as 0.3.
        var kpis = HqReports.Compute(new NetworkDay(0, 0, 0, 0, 0, 0), new KpiFigures(0, 0, 0, 0, 1, 16 * 12, 0, 0m)).ToDictionary(k => k.Key);
        var few = HqReports.Compute(new NetworkDay(0, 0, 0, 0, 0, 0), new KpiFigures(0, 0, 0, 0, 0, 3, 0, 0m)).ToDictionary(k => k.Key);

        Assert.Equal(6.3m, kpis["Turnover"].Value);
        Assert.Equal(0.3m, few["Turnover"].Denominator);
    }

    [Fact]
    public void Compute_TurnoverOverAnAverageInThirds_DividesExactly()
    {
        // 8 departures over 512 / 12 = 42.666… residents on average: exactly 18.75 %. Carried as a float, the average made it
        // 18.7499… and 18.7 (found by the differential test, seed 1116216568, day 2026-03-30).
        var kpis = HqReports.Compute(new NetworkDay(0, 0, 0, 0, 0, 0), new KpiFigures(0, 0, 0, 0, 8, 512, 0, 0m)).ToDictionary(k => k.Key);

        Assert.Equal(18.8m, kpis["Turnover"].Value);
        Assert.Equal(42.7m, kpis["Turnover"].Denominator);
    }
}
