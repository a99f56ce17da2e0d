using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.WaitingList;

/// <summary>Why an entry left the waiting list.</summary>
public enum WaitingListRemoval
{
    Assigned,
    Withdrawn,
    NotEligible,
    Other,
}

/// <summary>
/// A company waiting for a space of a site. Served by priority (1 = urgent … 4 = low), then by
/// date. Entries are never deleted: removal keeps the reason.
/// </summary>
public sealed class WaitingListEntry
{
    public const int NoteMaxLength = 500;
    public const int HighestPriority = 1;
    public const int LowestPriority = 4;
    public const int DefaultPriority = 3;

    private WaitingListEntry()
    {
    }

    public int Id { get; private set; }

    public int SiteId { get; private set; }

    public int CompanyId { get; private set; }

    /// <summary>The application that put the company here (online applications), if any.</summary>
    public int? ApplicationId { get; private set; }

    public SpaceKind WantedKind { get; private set; }

    public int WantedSeats { get; private set; }

    public DateOnly Since { get; private set; }

    public int Priority { get; private set; }

    public string? Note { get; private set; }

    public DateOnly? RemovedOn { get; private set; }

    public WaitingListRemoval? RemovalReason { get; private set; }

    public bool IsOpen => RemovedOn is null;

    public static WaitingListEntry Create(Company company, SpaceKind wantedKind, int wantedSeats, DateOnly since, int priority = DefaultPriority,
        string? note = null, int? applicationId = null)
    {
        Guard.That(!company.HasLeft, "Waiting.CompanyLeft", "CompanyId", company.LegalName);
        Guard.That(wantedKind is SpaceKind.Office or SpaceKind.Coworking, "Waiting.KindInvalid", nameof(WantedKind));
        Guard.That(wantedSeats is >= 1 and <= Space.MaxSeats, "Waiting.SeatsInvalid", nameof(WantedSeats), Space.MaxSeats);
        var entry = new WaitingListEntry
        {
            SiteId = company.SiteId,
            CompanyId = company.Id,
            ApplicationId = applicationId,
            WantedKind = wantedKind,
            WantedSeats = wantedSeats,
            Since = since,
            Note = Guard.OptionalText(note, NoteMaxLength, "Waiting.NoteTooLong", nameof(Note)),
        };
        entry.Prioritize(priority);
        return entry;
    }

    public void Prioritize(int priority)
    {
        Guard.That(IsOpen, "Waiting.AlreadyRemoved", nameof(Priority));
        Guard.That(priority is >= HighestPriority and <= LowestPriority, "Waiting.PriorityInvalid", nameof(Priority));
        Priority = priority;
    }

    public void Remove(DateOnly on, WaitingListRemoval reason)
    {
        Guard.That(IsOpen, "Waiting.AlreadyRemoved", nameof(RemovalReason));
        Guard.That(Enum.IsDefined(reason), "Waiting.ReasonInvalid", nameof(RemovalReason));
        RemovedOn = on;
        RemovalReason = reason;
    }
}
