using Technopark.Domain.Common;

namespace Technopark.Domain.Rooms;

/// <summary>
/// A booking as people type it: a day and two wall-clock times in the site's time, in minutes since midnight
/// (1440 = the next midnight). <see cref="Start"/> and <see cref="End"/> are the instants the wall clock shows them:
/// on the night the clock moves, the booking lasts what the clock says, one hour more or less than the two readings'
/// difference; a time the clock skips is refused.
/// </summary>
public sealed record BookingSlot(DateOnly Day, int StartMinute, int EndMinute)
{
    public static BookingSlot Of(DateOnly day, TimeOnly start, TimeOnly end) =>
        new(day, start.Hour * 60 + start.Minute, end == TimeOnly.MinValue ? WeeklyHours.MinutesPerDay : end.Hour * 60 + end.Minute);

    /// <summary>The same wall-clock times on another day (a weekly series keeps the hour across clock changes).</summary>
    public BookingSlot On(DateOnly day) => this with { Day = day };

    /// <summary>The instants of the slot; throws the field's message when the times are not a slot at all.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) ToInstants()
    {
        Guard.That(StartMinute is >= 0 and < WeeklyHours.MinutesPerDay, "Rooms.Booking.StartInvalid", nameof(Booking.Start));
        Guard.That(EndMinute is > 0 and <= WeeklyHours.MinutesPerDay, "Rooms.Booking.EndInvalid", nameof(Booking.End));
        Guard.That(EndMinute > StartMinute, "Rooms.Booking.EndBeforeStart", nameof(Booking.End));
        Guard.That(StartMinute % Booking.Granularity == 0, "Rooms.Booking.Granularity", nameof(Booking.Start), Booking.Granularity);
        Guard.That(EndMinute % Booking.Granularity == 0, "Rooms.Booking.Granularity", nameof(Booking.End), Booking.Granularity);
        return (InstantOf(StartMinute, nameof(Booking.Start)), InstantOf(EndMinute, nameof(Booking.End)));
    }

    private DateTimeOffset InstantOf(int minute, string field)
    {
        try
        {
            return SiteTime.Instant(Day, minute);
        }
        catch (DomainException e) when (e.Field is null)
        {
            throw new DomainException(e.Code, [.. e.Arguments]) { Field = field }; // the arguments, not the list as one argument
        }
    }
}
