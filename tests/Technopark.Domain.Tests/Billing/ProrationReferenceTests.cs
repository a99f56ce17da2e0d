using CsCheck;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Billing;

/// <summary>
/// Proration and the monthly run against a reference written from the definitions: the days held are counted one by one (is the
/// day in [start, end)?) and the amount is round(monthly × days / days in month, 2, away from zero), on random stays of any month
/// of 2024–2030 and on hand-made cases.
/// </summary>
public class ProrationReferenceTests
{
    private static readonly BillingPolicy Policy = BillingPolicy.Default;

    /// <summary>A month of 2024–2030 and a stay starting and ending anywhere from two months before to two months after it (or open-ended).</summary>
    private static readonly Gen<(BillingMonth Month, DateRange Stay, decimal Rent, int Seats, bool Coworking)> Stays =
        from year in Gen.Int[2024, 2030]
        from monthNumber in Gen.Int[1, 12]
        let month = new BillingMonth(year, monthNumber)
        from startOffset in Gen.Int[-62, 92]
        from length in Gen.Int[1, 160]
        from open in Gen.Int[0, 5]
        from cents in Gen.Int[0, 5_000_000]
        from seats in Gen.Int[1, 40]
        from coworking in Gen.Bool
        let start = month.First.AddDays(startOffset)
        select (month, new DateRange(start, open == 0 ? null : start.AddDays(length)), cents / 100m, seats, coworking);

    private static int ReferenceDays(DateRange stay, BillingMonth month)
    {
        var days = 0;
        for (var day = month.First; day < month.End; day = day.AddDays(1))
        {
            if (day >= stay.Start && (stay.End is null || day < stay.End))
            {
                days++;
            }
        }

        return days;
    }

    private static decimal ReferenceAmount(decimal monthly, int days, BillingMonth month) =>
        Math.Round(monthly * days / DateTime.DaysInMonth(month.Year, month.Month), 2, MidpointRounding.AwayFromZero);

    [Fact]
    public void DaysHeldAndProrate_RandomStays_MatchTheDayByDayReference()
    {
        Stays.Sample(s =>
        {
            var days = ReferenceDays(s.Stay, s.Month);
            Assert.Equal(days, Proration.DaysHeld(s.Stay, s.Month));
            Assert.Equal(ReferenceAmount(s.Rent, days, s.Month), Proration.Prorate(s.Rent, days, s.Month));
            Assert.Equal(days > 0, Proration.Within(s.Stay, s.Month) is not null);
        }, iter: 5_000);
    }

    [Fact]
    public void Lines_RandomStays_OneLinePerStayWithTheReferenceAmountAndPeriod()
    {
        Stays.Sample(s =>
        {
            var kind = s.Coworking ? SpaceKind.Coworking : SpaceKind.Office;
            var stay = new StayToBill(7, 3, "E-101", kind, s.Stay, s.Seats, s.Rent);

            var lines = MonthlyRun.Lines(s.Month, [stay], [], Policy);

            var days = ReferenceDays(s.Stay, s.Month);
            var expected = ReferenceAmount(s.Coworking ? s.Rent * s.Seats : s.Rent, days, s.Month);
            if (expected == 0)
            {
                Assert.Empty(lines);
                return;
            }

            var line = Assert.Single(lines);
            Assert.Equal(expected, line.AmountExclVat);
            Assert.Equal(days, line.Quantity);
            Assert.Equal("stay:7", line.SourceKey);
            Assert.Equal(s.Coworking ? LineKind.CoworkingSeats : LineKind.OfficeRent, line.Kind);
            Assert.Equal(s.Coworking ? s.Seats : null, line.Seats);
            Assert.Equal(s.Rent, line.UnitPrice);
            var held = Enumerable.Range(0, s.Month.Days).Select(d => s.Month.First.AddDays(d))
                .Where(d => d >= s.Stay.Start && (s.Stay.End is null || d < s.Stay.End)).ToList();
            Assert.Equal(held[0], line.PeriodStart);
            Assert.Equal(held[^1].AddDays(1), line.PeriodEnd);
        }, iter: 3_000);
    }

    [Fact]
    public void Lines_RandomRoomUse_HoursTimesRateRoundedOnce()
    {
        // Reference: round(minutes × rate / 60): minutes / 60 is not a finite decimal (50 minutes = 0.8333… h), so it must not be rounded first.
        (from minutes in Gen.Int[0, 20_000] from cents in Gen.Int[0, 100_000] select (minutes, rate: cents / 100m)).Sample(r =>
        {
            var lines = MonthlyRun.Lines(new BillingMonth(2027, 3), [], [new RoomHoursToBill(3, 9, "E-R1", r.minutes, r.rate)], Policy);
            var expected = Math.Round(r.minutes * r.rate / 60m, 2, MidpointRounding.AwayFromZero);
            if (expected == 0)
            {
                Assert.Empty(lines);
                return;
            }

            var line = Assert.Single(lines);
            Assert.Equal(expected, line.AmountExclVat);
            Assert.Equal("room:9", line.SourceKey);
            Assert.Equal(LineKind.RoomHours, line.Kind);
        }, iter: 5_000);
    }

    [Fact]
    public void Lines_RoomHoursOnAMidpoint_RoundedUpOnce()
    {
        // 485 min × 306.30 / 60 = 2475.925 exactly → 2475.93; rounding 485 / 60 = 8.0833… to 28 digits first gave 2475.92499… → 2475.92.
        var line = Assert.Single(MonthlyRun.Lines(new BillingMonth(2027, 3), [], [new RoomHoursToBill(3, 9, "E-R1", 485, 306.30m)], Policy));

        Assert.Equal(2475.93m, line.AmountExclVat);
        Assert.Equal(8.08m, line.Quantity);
    }

    [Theory]
    // Move-in on the 31st of a 31-day month: the 31st only, 1 day: 3100 × 1 / 31 = 100.00.
    [InlineData("2027-03-31", null, 2027, 3, 1, "100.00")]
    // Move-out on the 1st (end = 1 March): [.., 1 March) holds no day of March.
    [InlineData("2027-01-10", "2027-03-01", 2027, 3, 0, "0")]
    // February 2028 has 29 days: from the 15th, 15 days: 3100 × 15 / 29 = 1603.448… → 1603.45.
    [InlineData("2028-02-15", null, 2028, 2, 15, "1603.45")]
    // February 2027 has 28 days: the whole month is exactly the rent.
    [InlineData("2026-12-01", null, 2027, 2, 28, "3100.00")]
    // A stay ending on the month's last day has end = 1st of the next month: the whole of April (30 days) = the rent.
    [InlineData("2027-04-01", "2027-05-01", 2027, 4, 30, "3100.00")]
    // Ending on the 30th of April (end = 30th): 29 days: 3100 × 29 / 30 = 2996.666… → 2996.67.
    [InlineData("2027-04-01", "2027-04-30", 2027, 4, 29, "2996.67")]
    public void Prorate_HandMadeCases(string start, string? end, int year, int month, int days, string amount)
    {
        var stay = new DateRange(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        var billing = new BillingMonth(year, month);

        Assert.Equal(days, Proration.DaysHeld(stay, billing));
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Proration.Prorate(3100m, days, billing));
    }

    [Fact]
    public void Lines_TransferMidMonth_DaysAddUpToTheMonthAndEachLineIsRounded()
    {
        // Office A [.., 11 March), office B [11 March, ..): 10 + 21 = 31 days; 1000 × 10 / 31 = 322.580… → 322.58;
        // 1000 × 21 / 31 = 677.419… → 677.42; the sum 1000.00 happens to be the rent (each line rounded on its own).
        var month = new BillingMonth(2027, 3);
        var lines = MonthlyRun.Lines(month,
        [
            new StayToBill(1, 3, "E-A", SpaceKind.Office, new DateRange(new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 11)), 4, 1000m),
            new StayToBill(2, 3, "E-B", SpaceKind.Office, new DateRange(new DateOnly(2027, 3, 11), null), 4, 1000m),
        ], [], Policy);

        Assert.Equal([10m, 21m], lines.Select(l => l.Quantity));
        Assert.Equal([322.58m, 677.42m], lines.Select(l => l.AmountExclVat));
        Assert.Equal(month.Days, lines.Sum(l => l.Quantity));
    }

    [Fact]
    public void Lines_SeatsChangingMidMonth_TwoLinesEachRounded()
    {
        // 3 seats × 333.33 until 20 April (19 days), then 5 seats from the 20th (11 days), April = 30 days:
        // 999.99 × 19 / 30 = 633.327 → 633.33; 1666.65 × 11 / 30 = 611.105 → 611.11 (midpoint rounded away from zero).
        var month = new BillingMonth(2027, 4);
        var lines = MonthlyRun.Lines(month,
        [
            new StayToBill(1, 3, "E-CW", SpaceKind.Coworking, new DateRange(new DateOnly(2027, 2, 1), new DateOnly(2027, 4, 20)), 3, 333.33m),
            new StayToBill(2, 3, "E-CW", SpaceKind.Coworking, new DateRange(new DateOnly(2027, 4, 20), null), 5, 333.33m),
        ], [], Policy);

        Assert.Equal([633.33m, 611.11m], lines.Select(l => l.AmountExclVat));
        Assert.Equal([3, 5], lines.Select(l => l.Seats!.Value));
        Assert.Equal(30m, lines.Sum(l => l.Quantity));
    }

    [Fact]
    public void Lines_FreeStay_LeftOut()
    {
        var lines = MonthlyRun.Lines(new BillingMonth(2027, 3),
            [new StayToBill(1, 3, "E-A", SpaceKind.Office, new DateRange(new DateOnly(2027, 1, 1), null), 4, 0m)], [], Policy);

        Assert.Empty(lines);
    }
}
