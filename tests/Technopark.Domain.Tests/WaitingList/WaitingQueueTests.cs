using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;

namespace Technopark.Domain.Tests.WaitingList;

public class WaitingQueueTests
{
    private static readonly DateOnly March1 = new(2027, 3, 1);

    [Fact]
    public void InQueueOrder_PriorityThenLongestWaiting_LeavesOutRemovedEntries()
    {
        var urgentLate = Entry("Urgent", March1.AddDays(20), WaitingListEntry.HighestPriority);
        var normalEarly = Entry("Early", March1, WaitingListEntry.DefaultPriority);
        var normalLate = Entry("Late", March1.AddDays(5), WaitingListEntry.DefaultPriority);
        var removed = Entry("Gone", March1.AddDays(-30), WaitingListEntry.HighestPriority);
        removed.Remove(March1.AddDays(1), WaitingListRemoval.Withdrawn);

        var queue = new[] { normalLate, removed, normalEarly, urgentLate }.AsQueryable().InQueueOrder().ToList();

        Assert.Equal([urgentLate, normalEarly, normalLate], queue);
    }

    private static WaitingListEntry Entry(string name, DateOnly since, int priority) =>
        WaitingListEntry.Create(Company.Create(1, name, CompanyForm.Startup, Sectors.Digital), SpaceKind.Office, 2, since, priority);
}
