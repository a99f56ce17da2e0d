using Technopark.Domain.Common;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Assignments;

/// <summary>
/// Rules of assigning a space that need more than one assignment: the seats of a coworking space
/// given the stays already in it, and how far back a day of a stay may be typed.
/// </summary>
public static class OfficeAllocation
{
    /// <summary>What a digital nomad's coworking pass holds: one seat on each day it covers.</summary>
    public const int SeatsPerPass = 1;

    /// <summary>A stay or a live coworking pass already in the space: its period and the seats it takes.</summary>
    public readonly record struct Held(DateOnly Start, DateOnly? End, int Seats);

    /// <summary>
    /// The busiest day of <paramref name="period"/> (counting the <paramref name="others"/> stays and live passes of the space)
    /// plus the new <paramref name="seats"/> must fit in the space's seats; otherwise the message names the seats left that day,
    /// next to <paramref name="field"/>.
    /// </summary>
    public static void EnsureSeatsFit(Space space, int seats, DateRange period, IReadOnlyCollection<Held> others, string field = "Seats")
    {
        var start = period.Start;
        var overlapping = others.Where(a => (period.End is null || a.Start < period.End) && (a.End is null || a.End > start)).ToList();
        var busiest = overlapping.Select(a => a.Start < start ? start : a.Start).Append(start).Distinct()
            .Select(day => (Day: day, Used: overlapping.Where(a => a.Start <= day && (a.End == null || a.End > day)).Sum(a => a.Seats)))
            .MaxBy(d => d.Used);
        if (busiest.Used + seats > space.Seats)
        {
            throw new DomainException("Assignment.SeatsFull", space.Code, Math.Max(0, space.Seats - busiest.Used), busiest.Day) { Field = field };
        }
    }

    /// <summary>A start, end or transfer day may be at most <paramref name="maxDaysInPast"/> days before <paramref name="today"/> (corrections of recent facts).</summary>
    public static void EnsureNotTooFarInPast(DateOnly day, DateOnly today, int maxDaysInPast, string field)
    {
        var limit = today.AddDays(-maxDaysInPast);
        if (day < limit)
        {
            throw new DomainException("Assignment.TooFarInPast", limit) { Field = field };
        }
    }
}
