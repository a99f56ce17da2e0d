using Technopark.Domain.Common;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Spaces;

public class SpaceTests
{
    private static readonly DateOnly May1 = new(2026, 5, 1);

    [Fact]
    public void Create_NormalizesCode()
    {
        var space = Space.Create(1, " b-204 ", SpaceKind.Office, 2, 24m, 4, 2400m);
        Assert.Equal("B-204", space.Code);
        Assert.True(space.IsActive);
        Assert.True(space.IsExclusive);
    }

    [Theory]
    [InlineData("")]
    [InlineData("B 204")]
    [InlineData("B-204-EXTREMELY-LONG-CODE")]
    [InlineData("<script>")]
    public void Create_InvalidCode_Throws(string code) =>
        Assert.Equal("Space.CodeInvalid", Assert.Throws<DomainException>(() => Space.Create(1, code, SpaceKind.Office, 0, 20m, 2, 100m)).Code);

    [Theory]
    [InlineData(0, 2, 100)]
    [InlineData(20, 0, 100)]
    [InlineData(20, 2, -1)]
    public void Create_NonPositiveAreaSeatsOrNegativeRate_Throws(decimal area, int seats, decimal rate) =>
        Assert.Throws<DomainException>(() => Space.Create(1, "A-1", SpaceKind.Office, 0, area, seats, rate));

    [Theory]
    [InlineData(SpaceKind.Office, true)]
    [InlineData(SpaceKind.Coworking, true)]
    [InlineData(SpaceKind.MeetingRoom, false)]
    [InlineData(SpaceKind.ConferenceRoom, false)]
    public void IsAssignable_OnlyOfficesAndCoworking(SpaceKind kind, bool assignable) =>
        Assert.Equal(assignable, Space.Create(1, "X-1", kind, 0, 20m, 10, 0m).IsAssignable);

    [Fact]
    public void Deactivate_WithACurrentOrFutureStay_ThrowsStillAssignedNamingTheCompanyAndStaysActive()
    {
        var space = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        var e = Assert.Throws<DomainException>(() => space.Deactivate("Atlas", May1));
        Assert.Equal("Spaces.StillAssigned", e.Code);
        Assert.Equal(["B-204", "Atlas"], e.Arguments);
        Assert.True(space.IsActive);
    }

    [Fact]
    public void Deactivate_WithNoCurrentOrFutureStay_Deactivates()
    {
        var space = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        space.Deactivate(null, May1);
        Assert.False(space.IsActive);
        Assert.True(space.InServiceOn(May1.AddDays(-1)));
        Assert.False(space.InServiceOn(May1));
        Assert.False(space.InServiceOn(May1.AddYears(3)));
    }

    [Fact]
    public void Activate_LaterDay_KeepsTheDaysOutOfServiceAndCountsTheSpaceAgainFromThatDay()
    {
        var space = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        space.Deactivate(null, May1);
        space.Activate(May1.AddDays(10));
        Assert.True(space.IsActive);
        Assert.Equal(new DateRange(May1, May1.AddDays(10)), Assert.Single(space.Outages).Period);
        Assert.Equal([true, false, false, true], new[] { -1, 0, 9, 10 }.Select(d => space.InServiceOn(May1.AddDays(d))));

        space.Deactivate(null, May1.AddMonths(2));
        Assert.Equal(2, space.Outages.Count);
        Assert.False(space.InServiceOn(May1.AddMonths(2)));
        Assert.True(space.InServiceOn(May1.AddMonths(2).AddDays(-1)));
    }

    [Fact]
    public void Activate_TheDayItWasDeactivated_LeavesNoPeriodOutOfService()
    {
        var space = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        space.Deactivate(null, May1);
        space.Activate(May1);
        Assert.True(space.IsActive);
        Assert.Empty(space.Outages);
        Assert.True(space.InServiceOn(May1));
    }

    [Fact]
    public void DeactivateTwice_OrActivateAnActiveSpace_ChangesNothing()
    {
        var space = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        space.Activate(May1);
        Assert.Empty(space.Outages);
        space.Deactivate(null, May1);
        space.Deactivate(null, May1.AddDays(5));
        Assert.Equal(May1, Assert.Single(space.Outages).Start);
    }

    [Theory]
    [InlineData(-30, -1, true)] // ends the day before the outage begins
    [InlineData(-30, 0, true)] // half-open: ends the day it begins
    [InlineData(-30, 1, false)]
    [InlineData(5, 8, false)]
    [InlineData(9, 12, false)]
    [InlineData(10, 40, true)] // begins the day the space is back
    public void InServiceThroughout_RefusesAPeriodTouchingADayOutOfService(int startDay, int endDay, bool inService)
    {
        var space = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        space.Deactivate(null, May1);
        space.Activate(May1.AddDays(10));
        Assert.Equal(inService, space.InServiceThroughout(new DateRange(May1.AddDays(startDay), May1.AddDays(endDay))));
    }

    [Theory]
    [InlineData("b-204", true)]
    [InlineData(" B/2.04 ", true)]
    [InlineData("-B204", false)]
    [InlineData("B_204", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidCode_AnyLetterCase_AsCreateDecides(string? code, bool valid)
    {
        Assert.Equal(valid, Space.IsValidCode(code));
        if (valid)
        {
            Assert.Equal(Space.NormalizeCode(code), Space.Create(1, code!, SpaceKind.Office, 0, 10m, 1, 0m).Code);
        }
        else
        {
            Assert.Equal("Space.CodeInvalid", Assert.Throws<DomainException>(() => Space.Create(1, code!, SpaceKind.Office, 0, 10m, 1, 0m)).Code);
        }
    }

    [Fact]
    public void IsValidCode_LongerThanCodeMaxLength_IsFalse()
    {
        Assert.True(Space.IsValidCode(new string('A', Space.CodeMaxLength)));
        Assert.False(Space.IsValidCode(new string('A', Space.CodeMaxLength + 1)));
    }

    [Fact]
    public void Update_FloorAreaAndRateLimits_AreTheConstants()
    {
        var space = Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m);
        space.Update(SpaceKind.Office, Space.MinFloor, Space.MaxAreaSquareMeters, 1, Space.MaxMonthlyRate);
        space.Update(SpaceKind.Office, Space.MaxFloor, 1m, 1, 0m);
        Assert.Equal("Space.FloorInvalid", Assert.Throws<DomainException>(() => space.Update(SpaceKind.Office, Space.MinFloor - 1, 24m, 1, 0m)).Code);
        Assert.Equal("Space.FloorInvalid", Assert.Throws<DomainException>(() => space.Update(SpaceKind.Office, Space.MaxFloor + 1, 24m, 1, 0m)).Code);
        Assert.Equal("Space.AreaInvalid", Assert.Throws<DomainException>(() => space.Update(SpaceKind.Office, 0, Space.MaxAreaSquareMeters + 0.01m, 1, 0m)).Code);
        Assert.Equal("Space.RateInvalid", Assert.Throws<DomainException>(() => space.Update(SpaceKind.Office, 0, 24m, 1, Space.MaxMonthlyRate + 1m)).Code);
    }

    [Theory]
    [InlineData(SpaceKind.Office, 4, 0, 0, true)]
    [InlineData(SpaceKind.Office, 4, 1, 1, false)]
    [InlineData(SpaceKind.Coworking, 10, 3, 9, true)]
    [InlineData(SpaceKind.Coworking, 10, 4, 10, false)]
    public void HasRoom_OfficeWhenNobodyHoldsIt_CoworkingWhileASeatIsLeft(SpaceKind kind, int seats, int staysHeld, int seatsUsed, bool hasRoom) =>
        Assert.Equal(hasRoom, Space.HasRoom(kind, seats, staysHeld, seatsUsed));
}
