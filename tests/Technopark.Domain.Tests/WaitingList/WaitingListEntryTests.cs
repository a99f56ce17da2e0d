using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;

namespace Technopark.Domain.Tests.WaitingList;

public class WaitingListEntryTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void Create_ForAMeetingRoom_Throws() =>
        Assert.Equal("Waiting.KindInvalid", Assert.Throws<DomainException>(() => WaitingListEntry.Create(Company(), SpaceKind.MeetingRoom, 1, Today)).Code);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Prioritize_OutsideOneToFour_Throws(int priority) =>
        Assert.Equal("Waiting.PriorityInvalid", Assert.Throws<DomainException>(() => WaitingListEntry.Create(Company(), SpaceKind.Office, 1, Today, priority)).Code);

    [Fact]
    public void Remove_KeepsTheEntryWithItsReason_AndOnlyOnce()
    {
        var entry = WaitingListEntry.Create(Company(), SpaceKind.Office, 2, Today);
        entry.Remove(Today, WaitingListRemoval.Assigned);
        Assert.False(entry.IsOpen);
        Assert.Equal(WaitingListRemoval.Assigned, entry.RemovalReason);
        Assert.Throws<DomainException>(() => entry.Remove(Today, WaitingListRemoval.Withdrawn));
        Assert.Throws<DomainException>(() => entry.Prioritize(1));
    }

    [Fact]
    public void Create_CompanyThatLeft_Throws()
    {
        var company = Company();
        company.Leave(ExitReason.Closed, Today);
        Assert.Throws<DomainException>(() => WaitingListEntry.Create(company, SpaceKind.Office, 1, Today));
    }

    private static Company Company() => Technopark.Domain.Companies.Company.Create(1, "Tadelakt Média", CompanyForm.Startup, Sectors.CreativeIndustries);
}
