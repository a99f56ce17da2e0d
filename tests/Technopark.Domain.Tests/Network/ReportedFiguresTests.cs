using Technopark.Domain.Companies;
using Technopark.Domain.Network;
using Technopark.Domain.Reporting;

namespace Technopark.Domain.Tests.Network;

/// <summary>The definitions of the KPIs from declarations (<see cref="ReportedFigures"/>), each edge on D = 2026-06-15.</summary>
public class ReportedFiguresTests
{
    private static readonly DateOnly D = new(2026, 6, 15);

    [Theory]
    [InlineData(null, null, true)]                          // resident
    [InlineData("Closed", "2026-06-16", true)]              // closes after D: still there on D
    [InlineData("Closed", "2026-06-15", false)]             // closed on D
    [InlineData("Graduated", "2021-06-16", true)]           // left less than 5 years before D
    [InlineData("Graduated", "2021-06-15", false)]          // exactly 5 years before D
    [InlineData("Relocated", "2024-01-01", true)]
    public void InPopulation_HostedCompany_ResidentsAndRecentAlumniOtherThanClosed(string? reason, string? exited, bool expected)
    {
        var exitReason = reason is null ? (ExitReason?)null : Enum.Parse<ExitReason>(reason);
        var exitedOn = exited is null ? (DateOnly?)null : DateOnly.Parse(exited, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ReportedFigures.InPopulation(new DateOnly(2015, 1, 1), exitReason, exitedOn, D));
    }

    [Fact]
    public void InPopulation_NotHostedByD_IsOut()
    {
        Assert.False(ReportedFigures.InPopulation(null, null, null, D));
        Assert.False(ReportedFigures.InPopulation(D.AddDays(1), null, null, D));
        Assert.True(ReportedFigures.InPopulation(D, null, null, D));
    }

    [Fact]
    public void Counts_ValidatedMode_OnlyValidatedDeclarationsOfEndedPeriods()
    {
        var q1 = new ReportingPeriod(2026, 1);
        var q2 = new ReportingPeriod(2026, 2); // ends 2026-06-30: not by D

        Assert.True(ReportedFigures.Counts(q1, DeclarationStatus.Validated, FiguresMode.Validated, D));
        Assert.False(ReportedFigures.Counts(q1, DeclarationStatus.Declared, FiguresMode.Validated, D));
        Assert.True(ReportedFigures.Counts(q1, DeclarationStatus.Declared, FiguresMode.Declared, D));
        Assert.False(ReportedFigures.Counts(q2, DeclarationStatus.Validated, FiguresMode.Declared, D));
        Assert.True(ReportedFigures.Counts(new ReportingPeriod(2025), DeclarationStatus.Validated, FiguresMode.Validated, new DateOnly(2026, 1, 1)));
        Assert.False(ReportedFigures.Counts(new ReportingPeriod(2025), DeclarationStatus.Validated, FiguresMode.Validated, new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void Latest_YearAndItsFourthQuarter_TheYearWins()
    {
        ReportingPeriod[] periods = [new(2025, 4), new(2025), new(2025, 3), new(2024)];

        Assert.Equal(new ReportingPeriod(2025), ReportedFigures.Latest(periods, p => p));
        Assert.Equal(new ReportingPeriod(2026, 1), ReportedFigures.Latest([.. periods, new ReportingPeriod(2026, 1)], p => p));
        Assert.Null(ReportedFigures.Latest(Array.Empty<ReportingPeriod>(), p => p));
    }

    [Fact]
    public void InSurvivalCohort_ExitExactlyFiveYearsBefore_IsIn()
    {
        Assert.True(ReportedFigures.InSurvivalCohort(new DateOnly(2021, 6, 15), D));
        Assert.False(ReportedFigures.InSurvivalCohort(new DateOnly(2021, 6, 16), D));
        Assert.False(ReportedFigures.InSurvivalCohort(null, D));
    }

    [Fact]
    public void Survival_EachCase_FollowsTheDefinition()
    {
        var exited = new DateOnly(2020, 6, 30); // + 5 years = 2025-06-30

        Assert.Equal(SurvivalOutcome.Inactive, ReportedFigures.Survival(ExitReason.Closed, exited, null, null));
        Assert.Equal(SurvivalOutcome.Inactive, ReportedFigures.Survival(ExitReason.Closed, exited, new ReportingPeriod(2025), true));
        Assert.Equal(SurvivalOutcome.Inactive, ReportedFigures.Survival(ExitReason.Graduated, exited, new ReportingPeriod(2022), false));
        Assert.Equal(SurvivalOutcome.Active, ReportedFigures.Survival(ExitReason.Graduated, exited, new ReportingPeriod(2025, 2), true)); // ends 2025-06-30
        Assert.Equal(SurvivalOutcome.Unknown, ReportedFigures.Survival(ExitReason.Graduated, exited, new ReportingPeriod(2025, 1), true)); // too early
        Assert.Equal(SurvivalOutcome.Unknown, ReportedFigures.Survival(ExitReason.Relocated, exited, null, null));
    }

    [Theory]
    [InlineData("declared", FiguresMode.Declared)]
    [InlineData("DECLARED", FiguresMode.Declared)]
    [InlineData("validated", FiguresMode.Validated)]
    [InlineData(null, FiguresMode.Validated)]
    [InlineData("anything", FiguresMode.Validated)]
    public void ModeOf_QueryValue_DeclaredOnlyWhenAsked(string? value, FiguresMode expected)
    {
        Assert.Equal(expected, ReportedFigures.ModeOf(value));
        Assert.Equal(expected, ReportedFigures.ModeOf(ReportedFigures.KeyOf(expected)));
    }
}
