using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Events;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Manage.Events;

/// <summary>
/// One event of a site as staff see it: its room, times and figures (confirmed with a seat, on the waiting list, checked in;
/// no-shows count once it is over: confirmed, not checked in).
/// </summary>
public sealed record StaffEventRow(int Id, string Title, string Room, int RoomCapacity, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset RegistrationDeadline, EventAudience Audience, EventLanguage Language, int Capacity, string? Partners, string Description,
    DateTimeOffset? CancelledAt, int Pending, int Confirmed, int Waitlisted, int CheckedIn)
{
    public bool IsCancelled => CancelledAt is not null;

    public bool IsOver(DateTimeOffset now) => now >= EndsAt;

    /// <summary>Null while the event is not over (nobody is a no-show yet).</summary>
    public int? NoShows(DateTimeOffset now) => IsOver(now) ? Confirmed - CheckedIn : null;
}

/// <summary>The site's events (or one of them) with their figures, in one statement.</summary>
public static class StaffEvents
{
    public static IQueryable<StaffEventRow> Of(TechnoparkDbContext db, int siteId, int? eventId = null) =>
        from e in db.Events.AsNoTracking()
        where e.SiteId == siteId && (eventId == null || e.Id == eventId)
        join s in db.Spaces on e.SpaceId equals s.Id
        select new StaffEventRow(e.Id, e.Title, s.Code, s.Seats, e.StartsAt, e.EndsAt, e.RegistrationDeadline, e.Audience, e.Language, e.Capacity,
            e.Partners, e.Description, e.CancelledAt,
            db.EventRegistrations.Count(r => r.EventId == e.Id && r.State == RegistrationState.Pending),
            db.EventRegistrations.Count(r => r.EventId == e.Id && r.State == RegistrationState.Confirmed),
            db.EventRegistrations.Count(r => r.EventId == e.Id && r.State == RegistrationState.Waitlisted),
            db.EventRegistrations.Count(r => r.EventId == e.Id && r.State == RegistrationState.Confirmed && r.CheckedInAt != null));
}
