using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Nomads;
using Technopark.Domain.Spaces;

namespace Technopark.Infrastructure.Data.Queries;

/// <summary>The half-open period rules of <see cref="DateRange"/>, as SQL-translatable filters.</summary>
public static class AssignmentFilters
{
    /// <summary>Assignments that hold on <paramref name="day"/>: <c>start ≤ day &lt; end</c>, an open end holding forever.</summary>
    public static IQueryable<Assignment> HeldOn(this IQueryable<Assignment> assignments, DateOnly day) =>
        assignments.Where(a => a.Period.Start <= day && (a.Period.End == null || a.Period.End > day));

    /// <summary>Assignments sharing at least one day with <paramref name="period"/> (see <see cref="DateRange.Overlaps"/>).</summary>
    public static IQueryable<Assignment> Overlapping(this IQueryable<Assignment> assignments, DateRange period)
    {
        var (start, end) = (period.Start, period.End);
        return assignments.Where(a => (end == null || a.Period.Start < end) && (a.Period.End == null || a.Period.End > start));
    }

    /// <summary>Spaces in the inventory of <paramref name="day"/>: no period out of service holds it (<see cref="Space.InServiceOn"/>).</summary>
    public static IQueryable<Space> InServiceOn(this IQueryable<Space> spaces, DateOnly day) =>
        spaces.Where(s => !s.Outages.Any(o => o.Start <= day && (o.End == null || o.End > day)));

    /// <summary>Live (not cancelled) coworking passes covering <paramref name="day"/>.</summary>
    public static IQueryable<CoworkingPass> LiveOn(this IQueryable<CoworkingPass> passes, DateOnly day) =>
        passes.Where(p => p.CancelledAt == null && p.Period.Start <= day && p.Period.End > day);

    /// <summary>Live coworking passes sharing at least one day with <paramref name="period"/>.</summary>
    public static IQueryable<CoworkingPass> LiveOverlapping(this IQueryable<CoworkingPass> passes, DateRange period)
    {
        var (start, end) = (period.Start, period.End);
        return passes.Where(p => p.CancelledAt == null && (end == null || p.Period.Start < end) && p.Period.End > start);
    }

    /// <summary>
    /// What holds seats of coworking space <paramref name="spaceId"/> over <paramref name="period"/>: its stays (but
    /// <paramref name="exceptAssignment"/>) and its live passes, one seat each; read under the space's lock.
    /// </summary>
    public static async Task<List<OfficeAllocation.Held>> SeatsHeldAsync(this TechnoparkDbContext db, int spaceId, DateRange period, int? exceptAssignment,
        CancellationToken cancellationToken)
    {
        var held = await db.Assignments.AsNoTracking().Overlapping(period)
            .Where(a => a.SpaceId == spaceId && a.Id != exceptAssignment)
            .Select(a => new OfficeAllocation.Held(a.Period.Start, a.Period.End, a.Seats))
            .ToListAsync(cancellationToken);
        var passes = await db.CoworkingPasses.AsNoTracking().LiveOverlapping(period)
            .Where(p => p.SpaceId == spaceId)
            .Select(p => new { p.Period.Start, p.Period.End })
            .ToListAsync(cancellationToken);
        held.AddRange(passes.Select(p => new OfficeAllocation.Held(p.Start, p.End, OfficeAllocation.SeatsPerPass)));
        return held;
    }
}
