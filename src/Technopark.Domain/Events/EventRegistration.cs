using Technopark.Domain.Common;

namespace Technopark.Domain.Events;

public enum RegistrationState
{
    /// <summary>Registered; the email address is not confirmed yet (double opt-in). Holds no seat.</summary>
    Pending,

    /// <summary>Confirmed, with a seat.</summary>
    Confirmed,

    /// <summary>Confirmed, waiting for a seat; moves up on a cancellation, first confirmed first.</summary>
    Waitlisted,

    Cancelled,
}

/// <summary>
/// One person's registration to an event, by email (one live registration per address and event), confirmed through a link
/// sent to that address. The link carries a random token; only its hash is kept. For a children's workshop the person is the
/// guardian, and only the child's first name and age are kept.
/// </summary>
public sealed class EventRegistration
{
    public const int NameMaxLength = 120;
    public const int ChildNameMaxLength = 60;

    /// <summary>A registration not confirmed within this many hours lapses: the address may register again.</summary>
    public const int ConfirmWithinHours = 48;

    /// <summary>Hex SHA-256 of the token.</summary>
    public const int TokenHashLength = 64;

    private EventRegistration()
    {
        Email = Name = TokenHash = string.Empty;
    }

    public long Id { get; private set; }

    public int EventId { get; private set; }

    public string Email { get; private set; }

    public string Name { get; private set; }

    public string? ChildFirstName { get; private set; }

    public int? ChildAge { get; private set; }

    /// <summary>The account that registered, for residents' events (signed in); null for the public.</summary>
    public string? UserId { get; private set; }

    public string TokenHash { get; private set; }

    public RegistrationState State { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When the address was confirmed: the waiting list's order.</summary>
    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public string? CheckedInBy { get; private set; }

    public bool IsLive => State != RegistrationState.Cancelled;

    /// <summary>A pending registration whose confirmation time is over: it holds nothing and gives way to a new one.</summary>
    public bool HasLapsed(DateTimeOffset now) => State == RegistrationState.Pending && now >= RegisteredAt.AddHours(ConfirmWithinHours);

    /// <summary>
    /// Registers <paramref name="email"/> to <paramref name="ev"/> while registration is open. A residents' event takes members
    /// of the site's resident companies (<paramref name="isResident"/>); a children's workshop takes a child of
    /// <see cref="Event.ChildMinAge"/> to <see cref="Event.ChildMaxAge"/> and asks nothing else of the child; other events
    /// keep no child data.
    /// </summary>
    public static EventRegistration Register(Event ev, string? email, string? name, string? childFirstName, int? childAge, string? userId,
        bool isResident, string tokenHash, DateTimeOffset now)
    {
        Guard.That(ev.IsOpenForRegistration(now), ev.IsCancelled ? "Events.Cancelled" : "Events.RegistrationClosed", nameof(Email));
        Guard.That(ev.Audience != EventAudience.Residents || isResident, "Events.ResidentsOnly", nameof(Email));
        var address = EmailAddress.Require(email, "Events.EmailInvalid", nameof(Email));
        var registration = new EventRegistration
        {
            EventId = ev.Id,
            Email = address,
            Name = Guard.Text(name, NameMaxLength, "Events.NameRequired", nameof(Name)),
            UserId = userId,
            TokenHash = tokenHash.Length == TokenHashLength ? tokenHash : throw new DomainException("Events.TokenInvalid"),
            State = RegistrationState.Pending,
            RegisteredAt = now,
        };
        if (ev.Audience == EventAudience.Children)
        {
            registration.ChildFirstName = Guard.Text(childFirstName, ChildNameMaxLength, "Events.ChildNameRequired", nameof(ChildFirstName));
            Guard.That(childAge is { } age && age >= Event.ChildMinAge && age <= Event.ChildMaxAge, "Events.ChildAgeInvalid", nameof(ChildAge),
                Event.ChildMinAge, Event.ChildMaxAge);
            registration.ChildAge = childAge;
        }

        return registration;
    }

    /// <summary>
    /// The address is confirmed: a seat when one is free (<paramref name="confirmedSeats"/> taken of the event's capacity), else
    /// the waiting list. Confirming again changes nothing. Returns the state.
    /// </summary>
    public RegistrationState Confirm(Event ev, int confirmedSeats, DateTimeOffset now)
    {
        if (State is RegistrationState.Confirmed or RegistrationState.Waitlisted)
        {
            return State;
        }

        Guard.That(State == RegistrationState.Pending, "Events.RegistrationCancelled", nameof(State));
        Guard.That(!HasLapsed(now), "Events.ConfirmationLapsed", nameof(State), ConfirmWithinHours);
        Guard.That(!ev.IsCancelled && !ev.IsOver(now), ev.IsCancelled ? "Events.Cancelled" : "Events.AlreadyOver", nameof(State));
        ConfirmedAt = now;
        State = confirmedSeats < ev.Capacity ? RegistrationState.Confirmed : RegistrationState.Waitlisted;
        return State;
    }

    /// <summary>Cancelled by the person (link) or by staff, before the event ends. Returns whether a seat was freed.</summary>
    public bool Cancel(Event ev, DateTimeOffset now)
    {
        Guard.That(State != RegistrationState.Cancelled, "Events.RegistrationCancelled", nameof(State));
        Guard.That(!ev.IsOver(now), "Events.AlreadyOver", nameof(State));
        var freed = State == RegistrationState.Confirmed;
        State = RegistrationState.Cancelled;
        CancelledAt = now;
        return freed;
    }

    /// <summary>A lapsed pending registration gives way to a new one from the same address.</summary>
    public void Lapse(DateTimeOffset now)
    {
        Guard.That(HasLapsed(now), "Events.AlreadyRegistered", nameof(Email));
        State = RegistrationState.Cancelled;
        CancelledAt = now;
    }

    /// <summary>A seat freed up: the first on the waiting list takes it (<see cref="EventSeats.Promote"/> chooses who).</summary>
    internal void Promote() => State = RegistrationState.Confirmed;

    /// <summary>Staff check in a confirmed person while check-in is open.</summary>
    public void CheckIn(Event ev, string staffUserId, DateTimeOffset now)
    {
        Guard.That(State == RegistrationState.Confirmed, "Events.NotConfirmed", nameof(CheckedInAt));
        Guard.That(ev.IsCheckInOpen(now), "Events.CheckInClosed", nameof(CheckedInAt));
        if (CheckedInAt is not null)
        {
            return;
        }

        CheckedInAt = now;
        CheckedInBy = staffUserId;
    }

    /// <summary>Takes back a check-in made by mistake, while check-in is open.</summary>
    public void UndoCheckIn(Event ev, DateTimeOffset now)
    {
        Guard.That(ev.IsCheckInOpen(now), "Events.CheckInClosed", nameof(CheckedInAt));
        CheckedInAt = null;
        CheckedInBy = null;
    }

    /// <summary>
    /// New links for this registration (only the token's hash is kept, so the old links cannot be rebuilt): when someone else's
    /// cancellation gives it a seat, the email that says so carries a new cancellation link and check-in code; the old ones stop working.
    /// </summary>
    public void ReissueToken(string tokenHash)
    {
        Guard.That(State != RegistrationState.Cancelled, "Events.RegistrationCancelled", nameof(State));
        TokenHash = tokenHash.Length == TokenHashLength ? tokenHash : throw new DomainException("Events.TokenInvalid");
    }

    /// <summary>Confirmed with a seat, the event over, never checked in.</summary>
    public bool IsNoShow(Event ev, DateTimeOffset now) => State == RegistrationState.Confirmed && CheckedInAt is null && ev.IsOver(now);
}

/// <summary>Who gets the seats: confirmed registrations up to the capacity, then the waiting list in the order addresses were confirmed.</summary>
public static class EventSeats
{
    /// <summary>
    /// Moves the first of <paramref name="registrations"/> (the event's, any state) on the waiting list into the seats that are
    /// free, until the event is full, while it has not started. Returns those promoted (the service tells them).
    /// </summary>
    public static IReadOnlyList<EventRegistration> Promote(Event ev, IReadOnlyCollection<EventRegistration> registrations, DateTimeOffset now)
    {
        if (ev.IsCancelled || now >= ev.StartsAt)
        {
            return [];
        }

        var free = ev.Capacity - registrations.Count(r => r.State == RegistrationState.Confirmed);
        var promoted = registrations.Where(r => r.State == RegistrationState.Waitlisted)
            .OrderBy(r => r.ConfirmedAt).ThenBy(r => r.Id).Take(Math.Max(0, free)).ToList();
        foreach (var registration in promoted)
        {
            registration.Promote();
        }

        return promoted;
    }
}
