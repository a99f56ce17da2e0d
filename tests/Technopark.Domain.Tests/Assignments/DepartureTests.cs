using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Assignments;

public class DepartureTests
{
    private static readonly DateOnly March1 = new(2027, 3, 1);
    private static readonly DateOnly June1 = new(2027, 6, 1);

    [Theory]
    [InlineData(AssignmentEnd.Graduated, ExitReason.Graduated)]
    [InlineData(AssignmentEnd.Closed, ExitReason.Closed)]
    [InlineData(AssignmentEnd.Relocated, ExitReason.Relocated)]
    [InlineData(AssignmentEnd.Transferred, null)]
    [InlineData(AssignmentEnd.Other, null)]
    public void ExitReasonOf_EachEndReason_IsTheCompanysExitOrNone(AssignmentEnd reason, ExitReason? exit) =>
        Assert.Equal(exit, Departure.ExitReasonOf(reason));

    [Fact]
    public void ReasonsToChoose_LeaveOutTransferred() =>
        Assert.Equal([AssignmentEnd.Graduated, AssignmentEnd.Closed, AssignmentEnd.Relocated, AssignmentEnd.Other], Departure.ReasonsToChoose);

    [Fact]
    public void Apply_GraduatedAndNothingElseHeld_CompanyLeavesOnTheEndDay()
    {
        var (company, stay) = Ended(AssignmentEnd.Graduated);
        Assert.True(Departure.Apply(company, stay, holdsAnotherStayAfterEnd: false));
        Assert.Equal(ExitReason.Graduated, company.ExitReason);
        Assert.Equal(June1, company.ExitedOn);
    }

    [Fact]
    public void Apply_ClosedButHoldsAnotherStay_CompanyStays()
    {
        var (company, stay) = Ended(AssignmentEnd.Closed);
        Assert.False(Departure.Apply(company, stay, holdsAnotherStayAfterEnd: true));
        Assert.False(company.HasLeft);
    }

    [Theory]
    [InlineData(AssignmentEnd.Other)]
    [InlineData(AssignmentEnd.Transferred)]
    public void Apply_ReasonThatIsNoExit_CompanyStays(AssignmentEnd reason)
    {
        var (company, stay) = Ended(reason);
        Assert.False(Departure.MayLeave(company, reason));
        Assert.False(Departure.Apply(company, stay, holdsAnotherStayAfterEnd: false));
        Assert.False(company.HasLeft);
    }

    [Fact]
    public void Apply_CompanyAlreadyLeft_ChangesNothing()
    {
        var (company, stay) = Ended(AssignmentEnd.Relocated);
        company.Leave(ExitReason.Closed, March1.AddDays(10));
        Assert.False(Departure.MayLeave(company, AssignmentEnd.Relocated));
        Assert.False(Departure.Apply(company, stay, holdsAnotherStayAfterEnd: false));
        Assert.Equal(ExitReason.Closed, company.ExitReason);
    }

    [Fact]
    public void Apply_StayNotEnded_ChangesNothing()
    {
        var company = Company.Create(1, "Atlas", CompanyForm.Startup, Sectors.Digital);
        var stay = Assignment.Create(Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m), company, new DateRange(March1, null));
        Assert.False(Departure.Apply(company, stay, holdsAnotherStayAfterEnd: false));
        Assert.False(company.HasLeft);
    }

    private static (Company Company, Assignment Stay) Ended(AssignmentEnd reason)
    {
        var company = Company.Create(1, "Atlas", CompanyForm.Startup, Sectors.Digital);
        var stay = Assignment.Create(Space.Create(1, "B-204", SpaceKind.Office, 2, 24m, 4, 2400m), company, new DateRange(March1, null));
        stay.EndOn(June1, reason);
        return (company, stay);
    }
}
