using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Assignments;

/// <summary>
/// A company occupies a space over a half-open period <c>[Start, End)</c>. Ending or transferring
/// keeps the row: history is never deleted.
/// </summary>
public sealed class Assignment
{
    private Assignment()
    {
        Period = null!;
    }

    public int Id { get; private set; }

    public int SiteId { get; private set; }

    public int SpaceId { get; private set; }

    public int CompanyId { get; private set; }

    public DateRange Period { get; private set; }

    /// <summary>Seats taken: the coworking seats used, or the office's seats.</summary>
    public int Seats { get; private set; }

    /// <summary>True for offices: the database forbids two overlapping exclusive assignments of one space.</summary>
    public bool IsExclusive { get; private set; }

    public decimal MonthlyRent { get; private set; }

    public AssignmentEnd? EndReason { get; private set; }

    public static Assignment Create(Space space, Company company, DateRange period, int? seats = null, decimal? monthlyRent = null)
    {
        Guard.That(space.IsActive, "Assignment.SpaceInactive", "SpaceId", space.Code);
        Guard.That(space.InServiceThroughout(period), "Assignment.SpaceOutOfService", "SpaceId", space.Code);
        Guard.That(space.IsAssignable, "Assignment.SpaceNotAssignable", "SpaceId", space.Code);
        Guard.That(company.SiteId == space.SiteId, "Assignment.OtherSite", "CompanyId");
        Guard.That(!company.HasLeft, "Assignment.CompanyLeft", "CompanyId", company.LegalName);
        var taken = space.IsExclusive ? space.Seats : seats ?? 1;
        Guard.That(taken >= 1 && taken <= space.Seats, "Assignment.SeatsInvalid", nameof(Seats), space.Seats);
        var rent = monthlyRent ?? space.MonthlyRate;
        Guard.That(rent >= 0, "Assignment.RentInvalid", nameof(MonthlyRent));
        return new Assignment
        {
            SiteId = space.SiteId,
            SpaceId = space.Id,
            CompanyId = company.Id,
            Period = period,
            Seats = taken,
            IsExclusive = space.IsExclusive,
            MonthlyRent = decimal.Round(rent, 2),
        };
    }

    /// <summary>Moves the planned end (null: open-ended). Only later, and only of a stay that has a planned end: ending earlier is <see cref="EndOn"/>.</summary>
    public void Extend(DateOnly? newEnd)
    {
        Guard.That(EndReason is null, "Assignment.AlreadyEnded", nameof(DateRange.End));
        Guard.That(Period.End is not null, "Assignment.AlreadyOpen", nameof(DateRange.End));
        Guard.That(newEnd is null || Period.End is null || newEnd > Period.End, "Assignment.ExtendNotLater", nameof(DateRange.End));
        Period = new DateRange(Period.Start, newEnd);
    }

    public bool IsEnded => EndReason is not null;

    /// <summary>A transfer goes to another space of the site.</summary>
    public void EnsureTransferTo(int toSpaceId) => Guard.That(toSpaceId != SpaceId, "Assignment.SameSpace", "ToSpaceId");

    /// <summary>The seats of the stay a transfer starts in <paramref name="to"/>: those given, else a coworking space keeps the seats held (an office takes its own).</summary>
    public int? SeatsAfterTransferTo(Space to, int? seats) => seats ?? (to.Kind == SpaceKind.Coworking ? Seats : null);

    /// <summary>Ends the assignment: <paramref name="end"/> is the first day the space is free again.</summary>
    public void EndOn(DateOnly end, AssignmentEnd reason)
    {
        Guard.That(EndReason is null, "Assignment.AlreadyEnded", nameof(DateRange.End));
        Guard.That(Period.End is null || end <= Period.End, "Assignment.EndAfterPlanned", nameof(DateRange.End));
        Guard.That(end > Period.Start, "Assignment.EndBeforeStart", nameof(DateRange.End));
        Period = new DateRange(Period.Start, end);
        EndReason = reason;
    }
}
