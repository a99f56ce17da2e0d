using Technopark.Domain.Assignments;
using Technopark.Domain.Common;

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
}
