namespace Technopark.Domain.WaitingList;

/// <summary>Who is next on a waiting list: the highest priority first, then the longest waiting, then the first entered.</summary>
public static class WaitingQueue
{
    /// <summary>The entries still waiting, in queue order (a plain LINQ expression: the database runs it).</summary>
    public static IOrderedQueryable<WaitingListEntry> InQueueOrder(this IQueryable<WaitingListEntry> entries) =>
        entries.Where(w => w.RemovedOn == null).OrderBy(w => w.Priority).ThenBy(w => w.Since).ThenBy(w => w.Id);
}
