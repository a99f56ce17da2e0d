using Technopark.Domain.Common;

namespace Technopark.Domain.Programmes;

public enum SessionRequestState
{
    /// <summary>Asked by a member; the coach has not answered.</summary>
    Open,

    /// <summary>The coach offered slots; a member picks one.</summary>
    Offered,

    /// <summary>A member took one of the slots (<see cref="SessionRequest.ChosenStart"/>).</summary>
    Scheduled,

    /// <summary>Withdrawn by the company or declined by the coach.</summary>
    Closed,
}

/// <summary>
/// A member asks their coach for a session (what about); the coach answers with up to <see cref="MaxSlots"/> slots; a member
/// takes one. The session itself is logged once held (<see cref="CoachingSession"/>).
/// </summary>
public sealed class SessionRequest
{
    public const int MessageMaxLength = 1000;
    public const int MaxSlots = 5;

    private readonly List<DateTimeOffset> _slots = [];

    private SessionRequest()
    {
        RequestedBy = Message = string.Empty;
    }

    public int Id { get; private set; }

    public int CompanyId { get; private set; }

    public int EnrolmentId { get; private set; }

    public int SiteId { get; private set; }

    public string RequestedBy { get; private set; }

    public string Message { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public SessionRequestState State { get; private set; }

    /// <summary>The slots the coach offered (start instants; each lasts <see cref="SlotMinutes"/>).</summary>
    public IReadOnlyList<DateTimeOffset> Slots => _slots.AsReadOnly();

    public int SlotMinutes { get; private set; }

    public DateTimeOffset? ChosenStart { get; private set; }

    public string? AnsweredBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public static SessionRequest Ask(Enrolment enrolment, string userId, string? message, DateTimeOffset now)
    {
        Guard.That(enrolment.IsCurrentOn(SiteTime.DayOf(now)), "Coaching.NotEnrolled", nameof(Message));
        return new SessionRequest
        {
            CompanyId = enrolment.CompanyId,
            EnrolmentId = enrolment.Id,
            SiteId = enrolment.SiteId,
            RequestedBy = userId,
            Message = Guard.Text(message, MessageMaxLength, "Coaching.MessageRequired", nameof(Message)),
            RequestedAt = now,
            State = SessionRequestState.Open,
        };
    }

    /// <summary>The coach offers slots (replacing any offered before): 1 to <see cref="MaxSlots"/>, distinct, in the future.</summary>
    public void Offer(IReadOnlyCollection<DateTimeOffset> slots, int minutes, string coachUserId, DateTimeOffset now)
    {
        Guard.That(State is SessionRequestState.Open or SessionRequestState.Offered, "Coaching.RequestNotOpen", nameof(Slots));
        Guard.That(slots.Count is >= 1 and <= MaxSlots, "Coaching.SlotsCount", nameof(Slots), MaxSlots);
        Guard.That(slots.Distinct().Count() == slots.Count, "Coaching.SlotsDuplicate", nameof(Slots));
        Guard.That(slots.All(s => s > now), "Coaching.SlotInPast", nameof(Slots));
        Guard.That(minutes is >= CoachingSession.MinMinutes and <= CoachingSession.MaxMinutes, "Coaching.MinutesInvalid", nameof(SlotMinutes),
            CoachingSession.MinMinutes, CoachingSession.MaxMinutes);
        _slots.Clear();
        _slots.AddRange(slots.Order());
        SlotMinutes = minutes;
        AnsweredBy = coachUserId;
        State = SessionRequestState.Offered;
    }

    /// <summary>A member takes one of the offered slots, while it is still ahead.</summary>
    public void Choose(DateTimeOffset slot, DateTimeOffset now)
    {
        Guard.That(State == SessionRequestState.Offered, "Coaching.RequestNotOffered", nameof(ChosenStart));
        Guard.That(_slots.Contains(slot), "Coaching.SlotNotOffered", nameof(ChosenStart));
        Guard.That(slot > now, "Coaching.SlotInPast", nameof(ChosenStart));
        ChosenStart = slot;
        State = SessionRequestState.Scheduled;
    }

    /// <summary>Withdrawn by the company or declined by the coach, before a slot is taken.</summary>
    public void Close(DateTimeOffset now)
    {
        Guard.That(State is SessionRequestState.Open or SessionRequestState.Offered, "Coaching.RequestNotOpen", nameof(State));
        State = SessionRequestState.Closed;
        ClosedAt = now;
    }
}
