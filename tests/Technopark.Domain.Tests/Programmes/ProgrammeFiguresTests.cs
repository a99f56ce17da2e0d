using Technopark.Domain.Programmes;

namespace Technopark.Domain.Tests.Programmes;

public class ProgrammeFiguresTests
{
    private static readonly DateOnly D = new(2027, 6, 30);
    private static readonly FigureProgramme Incubation = new(1, 10, ProgrammeKind.Incubation, "Incubation", true);
    private static readonly FigureProgramme Retired = new(2, 10, ProgrammeKind.Other, "Ancien", false);

    private static readonly FigureMilestone[] Milestones =
    [
        new(11, 1, "MVP", 1, true),
        new(12, 1, "Premier client", 2, true),
        new(13, 1, "Ancienne étape", 3, false),
        new(14, 1, "Jamais atteinte, retirée", 4, false),
    ];

    [Fact]
    public void Compute_CountsOnlyEnrolmentsCurrentOnTheDay()
    {
        FigureEnrolment[] enrolments =
        [
            new(100, 1, 1000, D.AddDays(-200), null),      // current
            new(101, 1, 1001, D.AddDays(-200), D),         // ended on D: gone
            new(102, 1, 1002, D.AddDays(1), null),         // not started
            new(103, 1, 1003, D, D.AddDays(1)),            // current, one day
        ];

        var figure = ProgrammeFigures.Compute([Incubation], enrolments, [], Milestones, [], D).Single();

        Assert.Equal(2, figure.Companies);
        Assert.Equal([1000, 1003], figure.PerCompany.Select(c => c.CompanyId));
    }

    [Fact]
    public void Compute_HoursOfCurrentEnrolmentsUpToTheDay_RoundedOnTheSum()
    {
        FigureEnrolment[] enrolments = [new(100, 1, 1000, D.AddDays(-100), null), new(101, 1, 1001, D.AddDays(-100), null), new(102, 1, 1002, D.AddDays(-300), D.AddDays(-10))];
        FigureSession[] sessions =
        [
            new(100, D.AddDays(-5), 50),
            new(100, D, 50),
            new(100, D.AddDays(1), 600),   // after D
            new(101, D.AddDays(-1), 50),
            new(102, D.AddDays(-20), 120), // ended enrolment
        ];

        var figure = ProgrammeFigures.Compute([Incubation], enrolments, sessions, Milestones, [], D).Single();

        Assert.Equal(2.5m, figure.CoachingHours);          // 150 min
        Assert.Equal(1.67m, figure.PerCompany[0].CoachingHours); // 100 min
        Assert.Equal(0.83m, figure.PerCompany[1].CoachingHours); // 50 min
        Assert.Equal(D, figure.PerCompany[0].LastSession);
    }

    [Fact]
    public void Compute_MilestonesReachedByCurrentEnrolments_RetiredIncluded()
    {
        FigureEnrolment[] enrolments = [new(100, 1, 1000, D.AddDays(-100), null), new(101, 1, 1001, D.AddDays(-300), D.AddDays(-1))];
        FigureReached[] reached =
        [
            new(100, 11, D.AddDays(-90)),
            new(100, 13, D.AddDays(-80)),  // retired since
            new(100, 12, D.AddDays(1)),    // after D
            new(101, 11, D.AddDays(-200)), // ended enrolment
        ];

        var figure = ProgrammeFigures.Compute([Incubation], enrolments, [], Milestones, reached, D).Single();

        Assert.Equal(2, figure.MilestonesReached);
    }

    [Fact]
    public void Compute_TimeToMilestone_MedianAndMeanOverAllEnrolments()
    {
        FigureEnrolment[] enrolments =
        [
            new(100, 1, 1000, D.AddDays(-100), null),
            new(101, 1, 1001, D.AddDays(-300), D.AddDays(-1)),
            new(102, 1, 1002, D.AddDays(-50), null),
            new(103, 1, 1003, D.AddDays(-400), D.AddDays(-300)),
        ];
        FigureReached[] reached =
        [
            new(100, 11, D.AddDays(-90)),  // 10 days
            new(101, 11, D.AddDays(-270)), // 30 days, enrolment ended: still counts
            new(102, 11, D.AddDays(-49)),  // 1 day
            new(103, 11, D.AddDays(-360)), // 40 days
            new(100, 13, D.AddDays(-80)),  // retired milestone, 20 days
            new(102, 12, D.AddDays(5)),    // after D: not yet
        ];

        var figure = ProgrammeFigures.Compute([Incubation], enrolments, [], Milestones, reached, D).Single();

        Assert.Equal([11, 12, 13], figure.TimeToMilestones.Select(t => t.MilestoneId));
        var mvp = figure.TimeToMilestones[0];
        Assert.Equal(4, mvp.Enrolments);
        Assert.Equal(20m, mvp.MedianDays);   // 1, 10, 30, 40
        Assert.Equal(20.3m, mvp.MeanDays);   // 81 / 4 = 20.25
        Assert.Null(figure.TimeToMilestones[1].MedianDays);
        Assert.Null(figure.TimeToMilestones[1].MeanDays);
        Assert.Equal(20m, figure.TimeToMilestones[2].MedianDays);
    }

    [Fact]
    public void Compute_Quiet_NoSessionInTheSixtyDaysEndingOnTheDay_AndStartedSixtyDaysAgo()
    {
        FigureEnrolment[] enrolments =
        [
            new(100, 1, 1000, D.AddDays(-60), null), // started 60 days ago, session 60 days ago (outside the window): quiet
            new(101, 1, 1001, D.AddDays(-60), null), // session 59 days ago (first day of the window): not quiet
            new(102, 1, 1002, D.AddDays(-59), null), // started 59 days ago: too recent to be quiet
            new(103, 1, 1003, D.AddDays(-300), null), // no session at all: quiet
            new(104, 1, 1004, D.AddDays(-300), null), // session after D only: quiet
        ];
        FigureSession[] sessions = [new(100, D.AddDays(-60), 60), new(101, D.AddDays(-59), 60), new(104, D.AddDays(1), 60)];

        var figure = ProgrammeFigures.Compute([Incubation], enrolments, sessions, Milestones, [], D).Single();

        Assert.Equal(3, figure.Quiet);
        Assert.Equal([1000, 1003, 1004], figure.PerCompany.Where(c => c.IsQuiet).Select(c => c.CompanyId).Order());
        Assert.Null(figure.PerCompany.Single(c => c.CompanyId == 1003).LastSession);
    }

    [Fact]
    public void Compute_EveryProgrammeGiven_InOrder_EvenWithoutCompanies()
    {
        var figures = ProgrammeFigures.Compute([Retired, Incubation], [], [], Milestones, [], D);

        Assert.Equal([2, 1], figures.Select(f => f.Programme.Id));
        Assert.All(figures, f => Assert.Equal((0, 0m, 0, 0), (f.Companies, f.CoachingHours, f.MilestonesReached, f.Quiet)));
    }

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 7 }, 7.0)]
    [InlineData(new[] { 9, 1, 4 }, 4.0)]
    [InlineData(new[] { 9, 1, 4, 2 }, 3.0)]
    [InlineData(new[] { 1, 2 }, 1.5)]
    public void Median_OddAndEvenCounts(int[] values, double? expected)
    {
        Assert.Equal(expected is null ? null : (decimal)expected.Value, ProgrammeFigures.Median(values));
    }
}
