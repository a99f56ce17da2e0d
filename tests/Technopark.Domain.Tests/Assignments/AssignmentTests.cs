using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Assignments;

public class AssignmentTests
{
    private static readonly DateRange FromMarch = new(new DateOnly(2027, 3, 1), new DateOnly(2027, 9, 1));

    [Fact]
    public void Create_Office_TakesAllItsSeatsAndTheSpaceRate()
    {
        var office = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        var assignment = Assignment.Create(office, Company(1), FromMarch);
        Assert.Equal(4, assignment.Seats);
        Assert.True(assignment.IsExclusive);
        Assert.Equal(2400m, assignment.MonthlyRent);
    }

    [Fact]
    public void Create_InactiveSpace_Throws()
    {
        var office = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        office.Deactivate(null, new DateOnly(2026, 1, 1));
        Assert.Equal("Assignment.SpaceInactive", Assert.Throws<DomainException>(() => Assignment.Create(office, Company(1), FromMarch)).Code);
    }

    [Fact]
    public void Create_StayOverlappingADayTheSpaceWasOutOfService_Throws()
    {
        var office = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        office.Deactivate(null, new DateOnly(2026, 1, 10));
        office.Activate(new DateOnly(2026, 2, 1));
        Assert.Equal("Assignment.SpaceOutOfService", Assert.Throws<DomainException>(() =>
            Assignment.Create(office, Company(1), new DateRange(new DateOnly(2026, 1, 1), null))).Code);
        Assert.Equal(new DateOnly(2026, 2, 1), Assignment.Create(office, Company(1), new DateRange(new DateOnly(2026, 2, 1), null)).Period.Start);
    }

    [Fact]
    public void Create_MeetingRoom_Throws() =>
        Assert.Equal("Assignment.SpaceNotAssignable", Assert.Throws<DomainException>(() =>
            Assignment.Create(Space.Create(1, "MR-1", SpaceKind.MeetingRoom, 0, 30m, 12, 0m), Company(1), FromMarch)).Code);

    [Fact]
    public void Create_CompanyOfAnotherSite_Throws() =>
        Assert.Equal("Assignment.OtherSite", Assert.Throws<DomainException>(() =>
            Assignment.Create(Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m), Company(2), FromMarch)).Code);

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void Create_CoworkingSeatsOutsideCapacity_Throws(int seats) =>
        Assert.Equal("Assignment.SeatsInvalid", Assert.Throws<DomainException>(() =>
            Assignment.Create(Space.Create(1, "CW-1", SpaceKind.Coworking, 0, 80m, 20, 600m), Company(1), FromMarch, seats)).Code);

    [Fact]
    public void Create_CompanyThatLeft_Throws()
    {
        var company = Company(1);
        company.Leave(ExitReason.Graduated, new DateOnly(2026, 1, 1));
        Assert.Throws<DomainException>(() => Assignment.Create(Space.Create(1, "B-1", SpaceKind.Office, 0, 20m, 2, 1m), company, FromMarch));
    }

    [Fact]
    public void EndOn_AfterPlannedEnd_ThrowsAndEndingTwiceThrows()
    {
        var assignment = Assignment.Create(Space.Create(1, "B-1", SpaceKind.Office, 0, 20m, 2, 1m), Company(1), FromMarch);
        Assert.Equal("Assignment.EndAfterPlanned", Assert.Throws<DomainException>(() => assignment.EndOn(new DateOnly(2027, 10, 1), AssignmentEnd.Other)).Code);
        assignment.EndOn(new DateOnly(2027, 6, 1), AssignmentEnd.Graduated);
        Assert.Equal(new DateOnly(2027, 6, 1), assignment.Period.End);
        Assert.Equal("Assignment.AlreadyEnded", Assert.Throws<DomainException>(() => assignment.EndOn(new DateOnly(2027, 5, 1), AssignmentEnd.Other)).Code);
    }

    [Fact]
    public void Extend_MovesTheEndLater_OrOpensIt()
    {
        var assignment = Assignment.Create(Space.Create(1, "B-1", SpaceKind.Office, 0, 20m, 2, 1m), Company(1), FromMarch);
        assignment.Extend(new DateOnly(2028, 3, 1));
        Assert.Equal(new DateOnly(2028, 3, 1), assignment.Period.End);
        assignment.Extend(null);
        Assert.True(assignment.Period.IsOpenEnded);
    }

    [Fact]
    public void Extend_ToAnEarlierDay_Throws()
    {
        var assignment = Assignment.Create(Space.Create(1, "B-1", SpaceKind.Office, 0, 20m, 2, 1m), Company(1), FromMarch);
        Assert.Equal("Assignment.ExtendNotLater", Assert.Throws<DomainException>(() => assignment.Extend(new DateOnly(2027, 8, 1))).Code);
    }

    [Fact]
    public void EndOn_TheStartDay_Throws()
    {
        var assignment = Assignment.Create(Space.Create(1, "B-1", SpaceKind.Office, 0, 20m, 2, 1m), Company(1), FromMarch);
        Assert.Equal("Assignment.EndBeforeStart", Assert.Throws<DomainException>(() => assignment.EndOn(FromMarch.Start, AssignmentEnd.Other)).Code);
    }

    [Fact]
    public void Extend_OpenEndedStay_ThrowsAlreadyOpen()
    {
        var assignment = Assignment.Create(Space.Create(1, "B-1", SpaceKind.Office, 0, 20m, 2, 1m), Company(1), new DateRange(FromMarch.Start, null));
        var e = Assert.Throws<DomainException>(() => assignment.Extend(new DateOnly(2028, 3, 1)));
        Assert.Equal("Assignment.AlreadyOpen", e.Code);
        Assert.Equal("End", e.Field);
        Assert.True(assignment.Period.IsOpenEnded);
    }

    [Fact]
    public void EnsureTransferTo_SameSpace_ThrowsSameSpace()
    {
        var office = Space.Create(1, "B-1", SpaceKind.Office, 0, 20m, 2, 1m);
        var assignment = Assignment.Create(office, Company(1), FromMarch);
        var e = Assert.Throws<DomainException>(() => assignment.EnsureTransferTo(office.Id));
        Assert.Equal("Assignment.SameSpace", e.Code);
        Assert.Equal("ToSpaceId", e.Field);
        assignment.EnsureTransferTo(office.Id + 1);
    }

    [Fact]
    public void SeatsAfterTransferTo_CoworkingKeepsTheSeatsHeld_OfficeTakesItsOwn_GivenSeatsWin()
    {
        var coworking = Space.Create(1, "CW-1", SpaceKind.Coworking, 0, 80m, 20, 600m);
        var office = Space.Create(1, "B-1", SpaceKind.Office, 0, 20m, 2, 1m);
        var stay = Assignment.Create(coworking, Company(1), FromMarch, 3);
        Assert.Equal(3, stay.SeatsAfterTransferTo(coworking, null));
        Assert.Null(stay.SeatsAfterTransferTo(office, null));
        Assert.Equal(5, stay.SeatsAfterTransferTo(coworking, 5));
    }

    private static Company Company(int siteId) => Technopark.Domain.Companies.Company.Create(siteId, "Atlas", CompanyForm.Startup, Sectors.Digital);
}
