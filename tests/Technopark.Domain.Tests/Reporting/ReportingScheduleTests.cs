using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;

namespace Technopark.Domain.Tests.Reporting;

public class ReportingScheduleTests
{
    private static readonly DateOnly Hosted = new(2015, 3, 1);

    [Theory]
    [InlineData(2021, true)]
    [InlineData(2022, true)]
    [InlineData(2026, true)]
    [InlineData(2027, false)]
    [InlineData(2014, false)]
    public void EnsureDue_GraduatedIn2021_ExitYearToExitPlusFiveOnly(int year, bool due)
    {
        var facts = new ReportingFacts(Hosted, ExitReason.Graduated, new DateOnly(2021, 6, 30), null);
        var period = new ReportingPeriod(year);
        if (due)
        {
            facts.EnsureDue(period);
        }
        else
        {
            var refused = Assert.Throws<DomainException>(() => facts.EnsureDue(period));
            Assert.Equal(("Declaration.YearNotDue", "Year"), (refused.Code, refused.Field));
        }
    }

    [Fact]
    public void YearsDue_ClosedCompany_AskedUpToItsExitYearOnly()
    {
        var facts = new ReportingFacts(new DateOnly(2019, 1, 10), ExitReason.Closed, new DateOnly(2022, 5, 31), null);

        Assert.Equal([2019, 2020, 2021, 2022], facts.YearsDue(new DateOnly(2026, 12, 1)));
        Assert.True(facts.IsClosedConfirmation(2022));
        Assert.False(facts.IsClosedConfirmation(2021));
        Assert.Throws<DomainException>(() => facts.EnsureDue(new ReportingPeriod(2023, 1)));
    }

    [Fact]
    public void EnsureDue_AfterTheYearDeclaredInactive_Refused()
    {
        var facts = new ReportingFacts(Hosted, null, null, 2023);

        facts.EnsureDue(new ReportingPeriod(2023));
        Assert.Throws<DomainException>(() => facts.EnsureDue(new ReportingPeriod(2024)));
    }

    [Fact]
    public void EnsureDue_NeverHosted_NothingDue()
    {
        var facts = new ReportingFacts(null, null, null, null);

        Assert.Empty(facts.YearsDue(new DateOnly(2026, 12, 1)));
        Assert.Throws<DomainException>(() => facts.EnsureDue(new ReportingPeriod(2025)));
    }

    [Fact]
    public void YearsDue_Resident_FromItsFirstYearToLastYear()
    {
        var facts = new ReportingFacts(new DateOnly(2023, 9, 1), null, null, null);

        Assert.Equal([2023, 2024, 2025], facts.YearsDue(new DateOnly(2026, 12, 1)));
    }
}
