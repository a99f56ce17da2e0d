using Technopark.Domain.Common;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Rooms;

/// <summary>A room, as a booking needs it: the space (site, kind, capacity, in service) and its booking settings.</summary>
public sealed record BookableRoom(Space Space, RoomSettings Settings)
{
    public int Capacity => Space.Seats;
}

/// <summary>
/// A room held for a party from <see cref="Start"/> to <see cref="End"/> (instants, shown in the site's time). The room
/// stays blocked until <see cref="BlockedUntil"/> (the end plus the room's cleaning buffer); the database refuses two
/// live bookings of one room whose [start, blocked-until) ranges overlap. Cancelled bookings free the room but are kept.
/// </summary>
public sealed class Booking
{
    /// <summary>Bookings start and end on a quarter of an hour.</summary>
    public const int Granularity = 15;

    /// <summary>No room is booked for more than a day at once.</summary>
    public const int MaxMinutes = WeeklyHours.MinutesPerDay;

    /// <summary>How far ahead a booking may start.</summary>
    public const int MaxDaysAhead = 366;

    public const int TitleMaxLength = 120;

    private Booking()
    {
        BookedBy = string.Empty;
    }

    public long Id { get; private set; }

    public int SiteId { get; private set; }

    public int SpaceId { get; private set; }

    public DateTimeOffset Start { get; private set; }

    public DateTimeOffset End { get; private set; }

    public DateTimeOffset BlockedUntil { get; private set; }

    public int Attendees { get; private set; }

    public string? Title { get; private set; }

    public BookingPartyKind PartyKind { get; private set; }

    public int? CompanyId { get; private set; }

    public string? ExternalName { get; private set; }

    public string? ExternalContact { get; private set; }

    public string? ExternalIce { get; private set; }

    /// <summary>The bookings of one weekly series share this id.</summary>
    public Guid? SeriesId { get; private set; }

    public string BookedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelledBy { get; private set; }

    /// <summary>Cancelled within the room's notice (or after the start): counted, and the hours still count against the company's month.</summary>
    public bool CancelledLate { get; private set; }

    /// <summary>Marked by staff: nobody came.</summary>
    public bool NoShow { get; private set; }

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>The real time the room is held, in minutes (what the clock says, on the night it moves too).</summary>
    public int Minutes => (int)(End - Start).TotalMinutes;

    /// <summary>Whether the booking uses the company's included hours: live ones, late cancellations and no-shows do; timely cancellations do not.</summary>
    public bool CountsAgainstQuota => !IsCancelled || CancelledLate;

    public BookingParty Party => new(PartyKind, CompanyId, ExternalName, ExternalContact, ExternalIce);

    /// <summary>
    /// A booking of <paramref name="room"/> checked against its rules: a bookable room in service, a slot that exists on
    /// the wall clock, not in the past nor too far ahead, within the opening hours of its day, between the room's shortest
    /// and longest length, for at most the room's capacity. Each broken rule names its field.
    /// </summary>
    public static Booking Create(BookableRoom room, BookingSlot slot, BookingParty party, int attendees, string? title, string bookedBy,
        DateTimeOffset now, Guid? seriesId = null)
    {
        Guard.That(RoomSettings.IsRoom(room.Space.Kind) && room.Space.IsActive && room.Settings.SpaceId == room.Space.Id,
            "Rooms.Booking.NotBookable", nameof(SpaceId), room.Space.Code);
        var (start, end) = slot.ToInstants();
        Guard.That(start >= now, "Rooms.Booking.InPast", nameof(Start));
        Guard.That(slot.Day <= SiteTime.DayOf(now).AddDays(MaxDaysAhead), "Rooms.Booking.TooFarAhead", nameof(Start), MaxDaysAhead);
        var (opens, closes) = room.Settings.Hours.On(slot.Day.DayOfWeek);
        Guard.That(room.Settings.Hours.Covers(slot.Day.DayOfWeek, slot.StartMinute, slot.EndMinute),
            closes > opens ? "Rooms.Booking.OutsideHours" : "Rooms.Booking.Closed", nameof(Start), Clock(opens), Clock(closes));
        var minutes = (int)(end - start).TotalMinutes;
        Guard.That(minutes >= room.Settings.MinBookingMinutes, "Rooms.Booking.TooShort", nameof(End), room.Settings.MinBookingMinutes);
        Guard.That(minutes <= room.Settings.MaxBookingMinutes, "Rooms.Booking.TooLong", nameof(End), room.Settings.MaxBookingMinutes);
        Guard.That(attendees >= 1, "Rooms.Booking.AttendeesRequired", nameof(Attendees));
        Guard.That(attendees <= room.Capacity, "Rooms.Booking.OverCapacity", nameof(Attendees), room.Capacity);
        return new Booking
        {
            SiteId = room.Space.SiteId,
            SpaceId = room.Space.Id,
            Start = start,
            End = end,
            BlockedUntil = end.AddMinutes(room.Settings.BufferMinutes),
            Attendees = attendees,
            Title = Guard.OptionalText(title, TitleMaxLength, "Rooms.Booking.TitleTooLong", nameof(Title)),
            PartyKind = party.Kind,
            CompanyId = party.CompanyId,
            ExternalName = party.ExternalName,
            ExternalContact = party.ExternalContact,
            ExternalIce = party.ExternalIce,
            SeriesId = seriesId,
            BookedBy = bookedBy,
            CreatedAt = now,
        };
    }

    /// <summary>Cancels; later than <paramref name="noticeMinutes"/> before the start it is a late cancellation. A past booking cannot be cancelled.</summary>
    public void Cancel(string userId, DateTimeOffset now, int noticeMinutes)
    {
        if (IsCancelled)
        {
            throw new DomainException("Rooms.Booking.AlreadyCancelled");
        }

        if (now >= End)
        {
            throw new DomainException("Rooms.Booking.AlreadyOver");
        }

        CancelledAt = now;
        CancelledBy = userId;
        CancelledLate = IsLate(Start, now, noticeMinutes);
    }

    /// <summary>Whether cancelling at <paramref name="now"/> would be late (the page warns before).</summary>
    public bool WouldBeLate(DateTimeOffset now, int noticeMinutes) => IsLate(Start, now, noticeMinutes);

    /// <summary>The notice rule: cancelling a booking starting at <paramref name="start"/> at <paramref name="now"/> is late when less than <paramref name="noticeMinutes"/> remain.</summary>
    public static bool IsLate(DateTimeOffset start, DateTimeOffset now, int noticeMinutes) => now > start.AddMinutes(-noticeMinutes);

    /// <summary>Staff mark a booking whose start has passed as a no-show (or take the mark back).</summary>
    public void MarkNoShow(bool noShow, DateTimeOffset now)
    {
        Guard.That(!IsCancelled, "Rooms.Booking.AlreadyCancelled", nameof(NoShow));
        Guard.That(now >= Start, "Rooms.Booking.NotStarted", nameof(NoShow));
        NoShow = noShow;
    }

    /// <summary>"HH:mm" of a minute of the day (1440 reads 24:00).</summary>
    public static string Clock(int minuteOfDay) => $"{minuteOfDay / 60:00}:{minuteOfDay % 60:00}";
}
