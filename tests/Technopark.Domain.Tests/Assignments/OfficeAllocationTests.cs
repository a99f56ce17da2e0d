using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Assignments;

public class OfficeAllocationTests
{
    private static readonly DateOnly March1 = new(2027, 3, 1);
    private static readonly Space Coworking = Space.Create(1, "CW-1", SpaceKind.Coworking, 0, 80m, 10, 600m);

    [Fact]
    public void EnsureSeatsFit_ExactlyTheSeatsLeftOnTheBusiestDay_Passes()
    {
        OfficeAllocation.Held[] others = [new(March1, March1.AddDays(30), 6), new(March1.AddDays(10), null, 2)];
        OfficeAllocation.EnsureSeatsFit(Coworking, 2, new DateRange(March1, March1.AddDays(60)), others);
    }

    [Fact]
    public void EnsureSeatsFit_OneSeatTooManyOnALaterDay_ThrowsSeatsFullNamingTheDayAndSeatsLeft()
    {
        var busiest = March1.AddDays(10);
        OfficeAllocation.Held[] others = [new(March1, March1.AddDays(30), 6), new(busiest, null, 2)];
        var e = Assert.Throws<DomainException>(() => OfficeAllocation.EnsureSeatsFit(Coworking, 3, new DateRange(March1, March1.AddDays(60)), others));
        Assert.Equal("Assignment.SeatsFull", e.Code);
        Assert.Equal("Seats", e.Field);
        Assert.Equal(["CW-1", 2, busiest], e.Arguments);
    }

    [Fact]
    public void EnsureSeatsFit_StaysOutsideThePeriod_DoNotCount()
    {
        // [start, end): a stay ending on the first day and one starting on the day after the period are both free days
        OfficeAllocation.Held[] others = [new(March1.AddDays(-30), March1, 10), new(March1.AddDays(30), null, 10)];
        OfficeAllocation.EnsureSeatsFit(Coworking, 10, new DateRange(March1, March1.AddDays(30)), others);
    }

    [Fact]
    public void EnsureSeatsFit_StayStartedBeforeThePeriod_CountsOnItsFirstDay()
    {
        OfficeAllocation.Held[] others = [new(March1.AddDays(-30), null, 9)];
        var e = Assert.Throws<DomainException>(() => OfficeAllocation.EnsureSeatsFit(Coworking, 2, new DateRange(March1, null), others));
        Assert.Equal(["CW-1", 1, March1], e.Arguments);
    }

    [Fact]
    public void EnsureNotTooFarInPast_OnTheLimitDay_Passes() =>
        OfficeAllocation.EnsureNotTooFarInPast(March1.AddDays(-30), March1, 30, "Start");

    [Fact]
    public void EnsureNotTooFarInPast_DayBeforeTheLimit_ThrowsWithTheLimitOnTheField()
    {
        var e = Assert.Throws<DomainException>(() => OfficeAllocation.EnsureNotTooFarInPast(March1.AddDays(-31), March1, 30, "End"));
        Assert.Equal("Assignment.TooFarInPast", e.Code);
        Assert.Equal("End", e.Field);
        Assert.Equal([March1.AddDays(-30)], e.Arguments);
    }
}
