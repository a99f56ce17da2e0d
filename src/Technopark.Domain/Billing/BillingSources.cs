using Technopark.Domain.Common;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Billing;

/// <summary>A stay as billing reads it: the assignment, its space and terms (the rent is per seat for coworking).</summary>
public sealed record StayToBill(int AssignmentId, int CompanyId, string SpaceCode, SpaceKind Kind, DateRange Period, int Seats, decimal MonthlyRent);

/// <summary>A company's billable use of one room in a month (minutes beyond the included hours) and the room's rate per hour.</summary>
public sealed record RoomHoursToBill(int CompanyId, int SpaceId, string SpaceCode, int BillableMinutes, decimal HourRate);

/// <summary>
/// A line the monthly run computed. <see cref="SourceKey"/> names what it bills (a stay or a room, for the month): the run
/// adds a source once per month, and updates its draft line when the source changed.
/// </summary>
public sealed record ComputedLine(
    int CompanyId,
    LineKind Kind,
    string SourceKey,
    string Label,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    decimal Quantity,
    decimal UnitPrice,
    int? Seats,
    decimal AmountExclVat,
    decimal VatPercent);

/// <summary>The monthly run's arithmetic: one line per stay held in the month and per room used beyond its included hours.</summary>
public static class MonthlyRun
{
    public static string StayKey(int assignmentId) => $"stay:{assignmentId}";

    public static string RoomKey(int spaceId) => $"room:{spaceId}";

    /// <summary>
    /// Office rent prorated by days held; coworking seats × rate per seat × days held / days in month; room hours beyond the
    /// included ones × the room's hour rate. Lines of zero are left out (a free stay has nothing to invoice).
    /// </summary>
    public static IReadOnlyList<ComputedLine> Lines(BillingMonth month, IEnumerable<StayToBill> stays, IEnumerable<RoomHoursToBill> rooms, BillingPolicy policy)
    {
        var lines = new List<ComputedLine>();
        foreach (var stay in stays)
        {
            if (Proration.Within(stay.Period, month) is not { } held)
            {
                continue;
            }

            var days = Proration.DaysHeld(stay.Period, month);
            var coworking = stay.Kind == SpaceKind.Coworking;
            var monthly = coworking ? stay.MonthlyRent * stay.Seats : stay.MonthlyRent;
            var kind = coworking ? LineKind.CoworkingSeats : LineKind.OfficeRent;
            var amount = Proration.Prorate(monthly, days, month);
            if (amount > 0)
            {
                lines.Add(new ComputedLine(stay.CompanyId, kind, StayKey(stay.AssignmentId), stay.SpaceCode, held.Start, held.End, days,
                    stay.MonthlyRent, coworking ? stay.Seats : null, amount, policy.VatFor(kind)));
            }
        }

        foreach (var room in rooms.Where(r => r.BillableMinutes > 0))
        {
            var hours = room.BillableMinutes / 60m;
            // Minutes × rate first, then ÷ 60: minutes / 60 is rarely a finite decimal, and rounding it (to 28 digits) before the product
            // turned an exact midpoint (485 min at 306.30 = 2475.925) into 2475.92499…, one cent short.
            var amount = Money.Round(room.BillableMinutes * room.HourRate / 60m);
            if (amount > 0)
            {
                lines.Add(new ComputedLine(room.CompanyId, LineKind.RoomHours, RoomKey(room.SpaceId), room.SpaceCode, month.First, month.End,
                    Money.Round(hours), room.HourRate, null, amount, policy.VatFor(LineKind.RoomHours)));
            }
        }

        return lines;
    }
}
