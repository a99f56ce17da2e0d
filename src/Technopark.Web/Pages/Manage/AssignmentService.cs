using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Manage;

/// <summary>
/// Puts a company into a space. One transaction; the space row is locked so that concurrent
/// requests for the same space are served one after the other. Offices are guarded by the
/// database's exclusion constraint, coworking seats by counting under that lock.
/// </summary>
public sealed class AssignmentService(TechnoparkDbContext db)
{
    public async Task<int> AssignAsync(int spaceId, int companyId, DateRange period, int? seats, decimal? monthlyRent,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var space = await db.Spaces.FromSql($"SELECT *, xmin FROM spaces WHERE id = {spaceId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Assignment.SpaceNotFound") { Field = "SpaceId" };
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken)
            ?? throw new DomainException("Assignment.CompanyNotFound") { Field = "CompanyId" };

        var assignment = Assignment.Create(space, company, period, seats, monthlyRent);
        if (space.Kind == SpaceKind.Coworking)
        {
            await EnsureSeatsAsync(space, assignment, cancellationToken);
        }

        db.Assignments.Add(assignment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsExclusionViolation(e, DbConstraints.OfficeNoOverlap))
        {
            db.ChangeTracker.Clear();
            throw await OccupiedAsync(space, period, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return assignment.Id;
    }

    /// <summary>The highest number of seats held on any day of the new period, plus the new seats, must fit.</summary>
    private async Task EnsureSeatsAsync(Space space, Assignment assignment, CancellationToken cancellationToken)
    {
        var start = assignment.Period.Start;
        var end = assignment.Period.End;
        var overlapping = await db.Assignments.AsNoTracking()
            .Where(a => a.SpaceId == space.Id && (end == null || a.Period.Start < end) && (a.Period.End == null || a.Period.End > start))
            .Select(a => new { a.Period.Start, a.Period.End, a.Seats })
            .ToListAsync(cancellationToken);
        var busiest = overlapping.Select(a => a.Start < start ? start : a.Start).Append(start).Distinct()
            .Select(day => (Day: day, Used: overlapping.Where(a => a.Start <= day && (a.End == null || a.End > day)).Sum(a => a.Seats)))
            .MaxBy(d => d.Used);
        if (busiest.Used + assignment.Seats > space.Seats)
        {
            throw new DomainException("Assignment.SeatsFull", space.Code, Math.Max(0, space.Seats - busiest.Used), busiest.Day)
            {
                Field = nameof(Assignment.Seats),
            };
        }
    }

    private async Task<DomainException> OccupiedAsync(Space space, DateRange period, CancellationToken cancellationToken)
    {
        var start = period.Start;
        var end = period.End;
        var holder = await db.Assignments.AsNoTracking()
            .Where(a => a.SpaceId == space.Id && a.IsExclusive
                && (end == null || a.Period.Start < end) && (a.Period.End == null || a.Period.End > start))
            .OrderBy(a => a.Period.Start)
            .Join(db.Companies, a => a.CompanyId, c => c.Id, (a, c) => new { a.Period.Start, a.Period.End, c.LegalName })
            .FirstAsync(cancellationToken);
        return holder.End is { } holderEnd
            ? new DomainException("Assignment.OfficeOccupied", space.Code, holder.Start, holderEnd.AddDays(-1), holder.LegalName) { Field = "Start" }
            : new DomainException("Assignment.OfficeOccupiedOpen", space.Code, holder.Start, holder.LegalName) { Field = "Start" };
    }
}
