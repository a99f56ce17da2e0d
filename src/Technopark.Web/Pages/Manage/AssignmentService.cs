using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Manage;

public sealed class AssignmentOptions
{
    public const string Section = "Assignments";

    /// <summary>How far back a start, end or transfer day may be typed (corrections of recent facts).</summary>
    public int MaxDaysInPast { get; set; } = 30;
}

/// <summary>Someone changed the record after the user loaded it.</summary>
public sealed class StaleDataException() : DomainException("Common.Stale");

/// <summary>
/// Move-in, extension, move-out and transfer. Each is one transaction and one audit entry. The rows
/// of the spaces concerned are locked (in id order) so concurrent requests for a space are served
/// one after the other; offices are also guarded by the database's exclusion constraint, coworking
/// seats by counting under the lock. Every id is looked up within the site of the request.
/// </summary>
public sealed class AssignmentService(TechnoparkDbContext db, AuditTrail audit, TimeProvider clock, IOptions<AssignmentOptions> options)
{
    /// <summary>The field of a transfer's destination space, for errors shown next to it.</summary>
    public const string ToSpaceField = "ToSpaceId";

    /// <summary>The field of a new stay's last day on the assignment form.</summary>
    public const string LastDayField = "LastDay";

    public async Task<int> AssignAsync(int siteId, int spaceId, int companyId, DateRange period, int? seats, decimal? monthlyRent,
        CancellationToken cancellationToken)
    {
        EnsureNotTooFarInPast(period.Start, nameof(DateRange.Start));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var space = (await LockSpacesAsync(siteId, [spaceId], cancellationToken))[0];
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == companyId && c.SiteId == siteId, cancellationToken)
            ?? throw new DomainException("Assignment.CompanyNotFound") { Field = nameof(Assignment.CompanyId) };
        var assignment = await AddAsync(space, company, period, seats, monthlyRent, LastDayField, cancellationToken);
        foreach (var entry in await db.WaitingList.Where(w => w.CompanyId == companyId && w.SiteId == siteId && w.RemovedOn == null).ToListAsync(cancellationToken))
        {
            entry.Remove(clock.Today(), WaitingListRemoval.Assigned);
        }

        audit.Record("assignment.create", nameof(Assignment), assignment.Id, siteId, null, Snapshot(assignment, space, company));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return assignment.Id;
    }

    /// <summary>Moves the planned last day later (or removes it).</summary>
    public async Task ExtendAsync(int siteId, int assignmentId, uint version, DateOnly? newLastDay, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assignment = await FindAsync(siteId, assignmentId, version, cancellationToken);
        var space = (await LockSpacesAsync(siteId, [assignment.SpaceId], cancellationToken))[0];
        var company = await db.Companies.SingleAsync(c => c.Id == assignment.CompanyId, cancellationToken);
        var before = Snapshot(assignment, space, company);
        var oldEnd = assignment.Period.End;
        assignment.Extend(DateRangeLimits.EndAfter(newLastDay));
        await EnsureSiteHostsAsync(siteId, assignment.Period.End, nameof(DateRange.End), cancellationToken);
        if (space.Kind == SpaceKind.Coworking)
        {
            await EnsureSeatsAsync(space, assignment.Seats, new DateRange(oldEnd!.Value, assignment.Period.End), assignment.Id, cancellationToken);
        }

        audit.Record("assignment.extend", nameof(Assignment), assignment.Id, siteId, before, Snapshot(assignment, space, company));
        await SaveAsync(space, assignment.Period, assignment.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether the stay may end on <paramref name="lastDay"/>: the rules of <see cref="EndAsync"/>, on a copy that is never saved.</summary>
    public async Task CheckEndAsync(int siteId, int assignmentId, uint version, DateOnly lastDay, AssignmentEnd reason, CancellationToken cancellationToken)
    {
        EnsureNotTooFarInPast(lastDay, nameof(DateRange.End));
        var assignment = await FindAsync(siteId, assignmentId, version, cancellationToken);
        assignment.EndOn(DateRangeLimits.EndAfter(lastDay)!.Value, reason);
        db.Entry(assignment).State = EntityState.Detached;
    }

    /// <summary>Ends on <paramref name="lastDay"/> (the company's last day in the space).</summary>
    public async Task EndAsync(int siteId, int assignmentId, uint version, DateOnly lastDay, AssignmentEnd reason, CancellationToken cancellationToken)
    {
        EnsureNotTooFarInPast(lastDay, nameof(DateRange.End));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assignment = await FindAsync(siteId, assignmentId, version, cancellationToken);
        // The space first, as every change of a stay (the occupancy kept by the database locks it, then the company).
        var space = (await LockSpacesAsync(siteId, [assignment.SpaceId], cancellationToken))[0];
        var company = await db.Companies.SingleAsync(c => c.Id == assignment.CompanyId, cancellationToken);
        var before = Snapshot(assignment, space, company);
        assignment.EndOn(DateRangeLimits.EndAfter(lastDay)!.Value, reason);
        await LeaveWhenNothingElseAsync(company, assignment, reason, cancellationToken);
        audit.Record("assignment.end", nameof(Assignment), assignment.Id, siteId, before, Snapshot(assignment, space, company));
        await SaveAsync(space, assignment.Period, assignment.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Ends the stay the day before <paramref name="firstDay"/> and starts one in the other space that day; both or neither.</summary>
    public async Task<int> TransferAsync(int siteId, int assignmentId, uint version, int toSpaceId, DateOnly firstDay, int? seats, decimal? monthlyRent,
        CancellationToken cancellationToken)
    {
        DateRangeLimits.Check(firstDay, nameof(DateRange.Start));
        EnsureNotTooFarInPast(firstDay, nameof(DateRange.Start));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await FindAsync(siteId, assignmentId, version, cancellationToken);
        current.EnsureTransferTo(toSpaceId);

        var spaces = await LockSpacesAsync(siteId, [current.SpaceId, toSpaceId], cancellationToken);
        var from = spaces.Single(s => s.Id == current.SpaceId);
        var to = spaces.Single(s => s.Id == toSpaceId);
        var company = await db.Companies.SingleAsync(c => c.Id == current.CompanyId, cancellationToken);
        var before = Snapshot(current, from, company);
        var plannedEnd = current.Period.End;
        current.EndOn(firstDay, AssignmentEnd.Transferred);
        await db.SaveChangesAsync(cancellationToken);
        var next = await AddAsync(to, company, new DateRange(firstDay, plannedEnd), current.SeatsAfterTransferTo(to, seats),
            monthlyRent, nameof(DateRange.Start), cancellationToken);
        audit.Record("assignment.transfer", nameof(Assignment), current.Id, siteId, before,
            new { ended = Snapshot(current, from, company), started = Snapshot(next, to, company) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next.Id;
    }

    private async Task<Assignment> AddAsync(Space space, Company company, DateRange period, int? seats, decimal? monthlyRent, string closedSiteField,
        CancellationToken cancellationToken)
    {
        var assignment = Assignment.Create(space, company, period, seats, monthlyRent);
        await EnsureSiteHostsAsync(space.SiteId, period.End, closedSiteField, cancellationToken);
        if (space.Kind == SpaceKind.Coworking)
        {
            await EnsureSeatsAsync(space, assignment.Seats, period, null, cancellationToken);
        }

        db.Assignments.Add(assignment);
        await SaveAsync(space, period, null, cancellationToken);
        return assignment;
    }

    /// <summary>Saves; an office overlap (exclusion constraint) becomes a message naming the occupant and dates.</summary>
    private async Task SaveAsync(Space space, DateRange period, int? self, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleDataException();
        }
        catch (DbUpdateException e) when (PostgresErrors.IsExclusionViolation(e, DbConstraints.OfficeNoOverlap))
        {
            db.ChangeTracker.Clear();
            throw await OccupiedAsync(space, period, self, cancellationToken);
        }
    }

    private async Task<Assignment> FindAsync(int siteId, int id, uint version, CancellationToken cancellationToken)
    {
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == id && a.SiteId == siteId, cancellationToken)
            ?? throw new NotFoundException(ErrorCodes.AssignmentNotFound);
        if (db.Entry(assignment).Property<uint>("Version").CurrentValue != version)
        {
            throw new StaleDataException();
        }

        return assignment;
    }

    /// <summary>
    /// A closed site hosts nobody from its closing day (<see cref="Domain.Sites.Site.EnsureHostsUntil"/>). Read under the lock of the
    /// space, which closing the site takes too: an assignment cannot slip in between HQ's check of the current assignments and the closing.
    /// </summary>
    private async Task EnsureSiteHostsAsync(int siteId, DateOnly? end, string field, CancellationToken cancellationToken) =>
        (await db.Sites.AsNoTracking().SingleAsync(s => s.Id == siteId, cancellationToken)).EnsureHostsUntil(end, field);

    /// <summary>Locks the rows of the spaces (in id order, so two transfers never deadlock), all of this site; passes take the same lock.</summary>
    private async Task<List<Space>> LockSpacesAsync(int siteId, int[] ids, CancellationToken cancellationToken)
    {
        var spaces = await db.LockSpacesOfSiteAsync(siteId, ids, cancellationToken);
        return spaces.Count == ids.Distinct().Count()
            ? [.. ids.Select(id => spaces.Single(s => s.Id == id))]
            : throw new DomainException("Assignment.SpaceNotFound") { Field = nameof(Assignment.SpaceId) };
    }

    /// <summary>
    /// Loads the other stays and the live coworking passes of the space over the period; <see cref="OfficeAllocation.EnsureSeatsFit"/> decides.
    /// </summary>
    private async Task EnsureSeatsAsync(Space space, int seats, DateRange period, int? exclude, CancellationToken cancellationToken) =>
        OfficeAllocation.EnsureSeatsFit(space, seats, period, await db.SeatsHeldAsync(space.Id, period, exclude, cancellationToken));

    private async Task<DomainException> OccupiedAsync(Space space, DateRange period, int? self, CancellationToken cancellationToken)
    {
        var holder = await db.Assignments.AsNoTracking().Overlapping(period)
            .Where(a => a.SpaceId == space.Id && a.IsExclusive && a.Id != self)
            .OrderBy(a => a.Period.Start)
            .Join(db.Companies, a => a.CompanyId, c => c.Id, (a, c) => new { a.Period.Start, a.Period.End, c.LegalName })
            .FirstAsync(cancellationToken);
        return holder.End is { } holderEnd
            ? new DomainException("Assignment.OfficeOccupied", space.Code, holder.Start, holderEnd.AddDays(-1), holder.LegalName) { Field = nameof(DateRange.Start) }
            : new DomainException("Assignment.OfficeOccupiedOpen", space.Code, holder.Start, holder.LegalName) { Field = nameof(DateRange.Start) };
    }

    /// <summary>Asks whether the company holds another stay after this one when <see cref="Departure"/> needs to know.</summary>
    private async Task LeaveWhenNothingElseAsync(Company company, Assignment ended, AssignmentEnd reason, CancellationToken cancellationToken)
    {
        if (!Departure.MayLeave(company, reason))
        {
            return;
        }

        var end = ended.Period.End!.Value;
        var holdsAnother = await db.Assignments.AnyAsync(a => a.CompanyId == company.Id && a.Id != ended.Id
            && (a.Period.End == null || a.Period.End > end), cancellationToken);
        Departure.Apply(company, ended, holdsAnother);
    }

    private void EnsureNotTooFarInPast(DateOnly day, string field) =>
        OfficeAllocation.EnsureNotTooFarInPast(day, clock.Today(), options.Value.MaxDaysInPast, field);

    private static object Snapshot(Assignment a, Space space, Company company) => new
    {
        space = space.Code,
        company = company.LegalName,
        start = a.Period.Start,
        end = a.Period.End,
        a.Seats,
        rent = a.MonthlyRent,
        endReason = a.EndReason?.ToString(),
    };
}
