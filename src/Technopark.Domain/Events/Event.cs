using Technopark.Domain.Common;
using Technopark.Domain.Rooms;

namespace Technopark.Domain.Events;

/// <summary>Who an event is for. Children's workshops (7–14) register a guardian and the child's first name and age, nothing more.</summary>
public enum EventAudience
{
    /// <summary>Members of the site's resident companies, signed in.</summary>
    Residents,
    Public,
    Children,
}

/// <summary>The language an event is held in.</summary>
public enum EventLanguage
{
    French,
    Arabic,
    English,
    Amazigh,
}

/// <summary>
/// An event or training a site holds in one of its rooms: it exists only with its room booking (made in the same step, the
/// booking rules apply; the database refuses an event without a live booking). Its times are the booking's, copied when it
/// is created (bookings are not moved). Registration runs until <see cref="RegistrationDeadline"/>; seats go to confirmed
/// registrations up to <see cref="Capacity"/> (the room's capacity at most), then to a waiting list.
/// </summary>
public sealed class Event
{
    public const int TitleMaxLength = 150;
    public const int DescriptionMaxLength = 4000;
    public const int PartnersMaxLength = 500;
    public const int MaxCapacity = 1000;

    /// <summary>Children's workshops take children of this age (years, inclusive).</summary>
    public const int ChildMinAge = 7;

    public const int ChildMaxAge = 14;

    /// <summary>Check-in opens this long before the start and stays open until the end of the event's day (site time).</summary>
    public const int CheckInOpensMinutesBefore = 120;

    private Event()
    {
        Title = Description = CreatedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int SiteId { get; private set; }

    public long BookingId { get; private set; }

    public int SpaceId { get; private set; }

    public string Title { get; private set; }

    public string Description { get; private set; }

    public EventLanguage Language { get; private set; }

    public EventAudience Audience { get; private set; }

    public int Capacity { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public DateTimeOffset RegistrationDeadline { get; private set; }

    /// <summary>Partner organisations (AFEM, Réseau Entreprendre Maroc, Injaz Al Maghrib…), as the site writes them.</summary>
    public string? Partners { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>
    /// An event held in the room <paramref name="booking"/> holds (a live booking of the site, for the site itself, made for
    /// <paramref name="capacity"/> attendees so the room's capacity applies). Registration closes at <paramref name="registrationDeadline"/>,
    /// after now and no later than the start.
    /// </summary>
    public static Event Create(Booking booking, string? title, string? description, EventLanguage language, EventAudience audience, int capacity,
        DateTimeOffset registrationDeadline, string? partners, string createdBy, DateTimeOffset now)
    {
        Guard.That(!booking.IsCancelled && booking.PartyKind == BookingPartyKind.Site, "Events.RoomRequired", nameof(BookingId));
        Guard.That(Enum.IsDefined(language), "Events.LanguageInvalid", nameof(Language));
        Guard.That(Enum.IsDefined(audience), "Events.AudienceInvalid", nameof(Audience));
        Guard.That(capacity is >= 1 and <= MaxCapacity, "Events.CapacityInvalid", nameof(Capacity), MaxCapacity);
        Guard.That(capacity <= booking.Attendees, "Events.CapacityOverRoom", nameof(Capacity), booking.Attendees);
        Guard.That(registrationDeadline > now, "Events.DeadlinePassed", nameof(RegistrationDeadline));
        Guard.That(registrationDeadline <= booking.Start, "Events.DeadlineAfterStart", nameof(RegistrationDeadline));
        return new Event
        {
            SiteId = booking.SiteId,
            BookingId = booking.Id,
            SpaceId = booking.SpaceId,
            Title = Guard.Text(title, TitleMaxLength, "Events.TitleRequired", nameof(Title)),
            Description = Guard.Text(description, DescriptionMaxLength, "Events.DescriptionRequired", nameof(Description)),
            Language = language,
            Audience = audience,
            Capacity = capacity,
            StartsAt = booking.Start,
            EndsAt = booking.End,
            RegistrationDeadline = registrationDeadline,
            Partners = Guard.OptionalText(partners, PartnersMaxLength, "Events.PartnersTooLong", nameof(Partners)),
            CreatedBy = createdBy,
            CreatedAt = now,
        };
    }

    /// <summary>Whether a visitor may register at <paramref name="now"/>.</summary>
    public bool IsOpenForRegistration(DateTimeOffset now) => !IsCancelled && now < RegistrationDeadline;

    /// <summary>Whether staff may check people in at <paramref name="now"/>: from shortly before the start to the end of the event's day.</summary>
    public bool IsCheckInOpen(DateTimeOffset now) =>
        !IsCancelled && now >= StartsAt.AddMinutes(-CheckInOpensMinutesBefore) && now < SiteTime.StartOf(SiteTime.DayOf(EndsAt).AddDays(1));

    /// <summary>Over: confirmed registrations not checked in are no-shows.</summary>
    public bool IsOver(DateTimeOffset now) => now >= EndsAt;

    /// <summary>Cancels an event that has not ended; the service frees its room and tells those registered.</summary>
    public void Cancel(DateTimeOffset now)
    {
        Guard.That(!IsCancelled, "Events.AlreadyCancelled", nameof(CancelledAt));
        Guard.That(now < EndsAt, "Events.AlreadyOver", nameof(CancelledAt));
        CancelledAt = now;
    }
}
