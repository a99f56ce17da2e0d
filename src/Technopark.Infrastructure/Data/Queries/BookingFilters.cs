using Technopark.Domain.Rooms;

namespace Technopark.Infrastructure.Data.Queries;

public static class BookingFilters
{
    /// <summary>The longest a booking holds a room (its length and its buffer): how far back a range query must look.</summary>
    public static readonly TimeSpan LongestHold = TimeSpan.FromMinutes(Booking.MaxMinutes + RoomSettings.MaxBufferMinutes);

    /// <summary>
    /// Live bookings holding their room at some point of [<paramref name="from"/>, <paramref name="to"/>) (buffer included).
    /// The lower bound on the start keeps the (site, start) index range short whatever the years of history.
    /// </summary>
    public static IQueryable<Booking> Holding(this IQueryable<Booking> bookings, DateTimeOffset from, DateTimeOffset to)
    {
        var earliest = from - LongestHold;
        return bookings.Where(b => b.CancelledAt == null && b.Start < to && b.Start >= earliest && b.BlockedUntil > from);
    }

    /// <summary>Bookings (cancelled ones too) starting within [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IQueryable<Booking> StartingIn(this IQueryable<Booking> bookings, DateTimeOffset from, DateTimeOffset to) =>
        bookings.Where(b => b.Start >= from && b.Start < to);
}
