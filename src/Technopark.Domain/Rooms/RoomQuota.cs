namespace Technopark.Domain.Rooms;

/// <summary>A booking as the monthly count of included hours reads it.</summary>
public sealed record QuotaUse(long BookingId, DateTimeOffset Start, int Minutes);

/// <summary>How the minutes of one booking split: within the included hours, and beyond them (billable).</summary>
public sealed record QuotaShare(long BookingId, int IncludedMinutes, int BillableMinutes);

/// <summary>
/// Included hours: each resident company may book each room for <see cref="RoomSettings.IncludedHoursPerMonth"/> hours
/// per calendar month (in the site's time, the month of a booking's start) without being billed. The month's bookings
/// that count (<see cref="Booking.CountsAgainstQuota"/>) use them up in the order they start (then by id); what goes
/// beyond is billable. A timely cancellation gives its hours back to the bookings after it.
/// </summary>
public static class RoomQuota
{
    /// <summary>The split of each of one company's bookings of one room in one month.</summary>
    public static IReadOnlyList<QuotaShare> Split(int includedHoursPerMonth, IEnumerable<QuotaUse> uses)
    {
        var left = includedHoursPerMonth * 60;
        var shares = new List<QuotaShare>();
        foreach (var use in uses.OrderBy(u => u.Start).ThenBy(u => u.BookingId))
        {
            var included = Math.Min(left, use.Minutes);
            left -= included;
            shares.Add(new QuotaShare(use.BookingId, included, use.Minutes - included));
        }

        return shares;
    }

    /// <summary>
    /// How many minutes a month's bill grows when the company books <paramref name="newMinutes"/> more of a room it has used
    /// <paramref name="usedMinutes"/> that month: whatever the order of starts, the month's billable total is what goes beyond
    /// the included hours, so this is the new total beyond them less the old one.
    /// </summary>
    public static int AddedBillableMinutes(int includedHoursPerMonth, int usedMinutes, int newMinutes) =>
        Math.Max(0, usedMinutes + newMinutes - includedHoursPerMonth * 60) - Math.Max(0, usedMinutes - includedHoursPerMonth * 60);

    /// <summary>Included minutes not used yet this month.</summary>
    public static int LeftMinutes(int includedHoursPerMonth, int usedMinutes) => Math.Max(0, includedHoursPerMonth * 60 - usedMinutes);
}
