using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;

namespace Technopark.Domain.Tests.Reporting;

/// <summary>Periods, figures, declarations, which years are due, and how often a company may be reminded.</summary>
public class ReportingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static DeclarationFigures Figures(decimal headcount = 4.5m, decimal revenue = 1_250_000.50m, bool active = true) =>
        DeclarationFigures.Create(headcount, revenue, 0m, 100_000m, 0m, 5_000m, active);

    [Theory]
    [InlineData(2025, null, "2025-01-01", "2025-12-31")]
    [InlineData(2025, 1, "2025-01-01", "2025-03-31")]
    [InlineData(2025, 4, "2025-10-01", "2025-12-31")]
    [InlineData(2024, 1, "2024-01-01", "2024-03-31")]
    public void Period_Bounds_AreTheCalendarOnes(int year, int? quarter, string start, string last)
    {
        var period = new ReportingPeriod(year, quarter);

        Assert.Equal((Day(start), Day(last)), (period.Start, period.LastDay));
        Assert.False(period.CountsOn(period.LastDay));
        Assert.True(period.CountsOn(period.LastDay.AddDays(1)));
    }

    [Theory]
    [InlineData(2026, null)]
    [InlineData(2026, 1)]
    [InlineData(2027, null)]
    public void Create_PeriodNotEnded_Throws(int year, int? quarter) =>
        Assert.Equal("Declaration.PeriodNotEnded", Assert.Throws<DomainException>(() =>
            Declaration.Create(1, new ReportingPeriod(year, quarter), Figures(), "u", Now, Today)).Code);

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1.25, 0)]
    [InlineData(1, -0.01)]
    [InlineData(1, 0.001)]
    public void Figures_NegativeOrTooPrecise_Throw(decimal headcount, decimal revenue) =>
        Assert.StartsWith("Declaration.", Assert.Throws<DomainException>(() => DeclarationFigures.Create(headcount, revenue, 0, 0, 0, 0, true)).Code);

    [Fact]
    public void Figures_FundsRaised_SumsTheSources() =>
        Assert.Equal(105_000m, Figures().FundsRaised);

    [Fact]
    public void Validate_AfterCorrection_CountsTheDeclaredFiguresAgain()
    {
        var declaration = Declaration.Create(1, new ReportingPeriod(2025), Figures(), "m", Now, Today);
        declaration.Correct(Figures(headcount: 9), "typo", "s", Now);

        declaration.Validate("s", Now);

        Assert.Equal((4.5m, false), (declaration.Figures.Headcount, declaration.IsCorrected));
    }

    [Theory]
    // first hosted, exit reason, exited on, inactive since → years due on 01/03/2026
    [InlineData("2023-05-10", null, null, null, "2023,2024,2025")]
    [InlineData("2026-01-10", null, null, null, "")]
    [InlineData("2015-01-01", ExitReason.Graduated, "2018-06-30", null, "2015,2016,2017,2018,2019,2020,2021,2022,2023")]
    [InlineData("2019-01-01", ExitReason.Closed, "2021-06-30", null, "2019,2020,2021")]
    [InlineData("2019-01-01", ExitReason.Relocated, "2021-06-30", 2022, "2019,2020,2021,2022")]
    public void YearsDue_FollowHostingExitAndActivity(string first, ExitReason? reason, string? exited, int? inactiveSince, string expected)
    {
        var years = ReportingSchedule.YearsDue(Day(first), reason, exited is null ? null : Day(exited), inactiveSince, Today);

        Assert.Equal(expected, string.Join(',', years));
    }

    [Fact]
    public void YearsDue_AgreeWithIsDue_OnRandomCompanies()
    {
        var random = new Random(13);
        for (var i = 0; i < 500; i++)
        {
            var first = new DateOnly(2005, 1, 1).AddDays(random.Next(0, 7000));
            var exited = random.Next(3) == 0 ? (DateOnly?)null : first.AddDays(random.Next(1, 3000));
            var reason = exited is null ? (ExitReason?)null : (ExitReason)random.Next(0, 4);
            int? inactive = random.Next(4) == 0 ? first.Year + random.Next(0, 12) : null;
            var today = first.AddDays(random.Next(0, 9000));

            var due = ReportingSchedule.YearsDue(first, reason, exited, inactive, today);

            // Reference straight from the definition: hosted by then, ended by today, not after going inactive,
            // within 5 years after leaving (the exit year only for a closed company).
            var expected = Enumerable.Range(2000, 80).Where(y =>
                y >= first.Year && y < today.Year && (inactive is null || y <= inactive)
                && (exited is not { } e || (reason == ExitReason.Closed ? y <= e.Year : y <= e.Year + 5))).ToList();
            Assert.Equal(expected, due);
        }
    }

    [Fact]
    public void Reminder_OncePerSevenDays()
    {
        Assert.True(ReportingReminder.CanSend(null, Now));
        Assert.False(ReportingReminder.CanSend(Now.AddDays(-6).AddHours(-23), Now));
        Assert.True(ReportingReminder.CanSend(Now.AddDays(-ReportingReminder.MinimumIntervalDays), Now));
        Assert.Equal(Now.AddDays(7), ReportingReminder.NextAllowed(Now));
    }
}
