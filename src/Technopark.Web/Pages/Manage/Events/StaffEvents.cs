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

/// <summary>An event of the site as the registrations and check-in pages head it.</summary>
public sealed record StaffEvent(int Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, EventAudience Audience, bool IsCancelled,
    bool IsCheckInOpen, bool IsOver);

/// <summary>One registration as staff see it (the child's first name and age for a children's workshop, nothing more).</summary>
public sealed record StaffRegistration(long Id, string Name, string Email, RegistrationState State, DateTimeOffset RegisteredAt, DateTimeOffset? ConfirmedAt,
    string? ChildFirstName, int? ChildAge, DateTimeOffset? CheckedInAt);

/// <summary>
/// Reads for the staff's event pages: the site's events (or one of them) with their figures, in one statement; an event of the
/// site (null: not one of its events) and its registrations.
/// </summary>
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

    public static async Task<StaffEvent?> FindAsync(TechnoparkDbContext db, int siteId, int eventId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId && e.SiteId == siteId, cancellationToken);
        return ev is null ? null
            : new StaffEvent(ev.Id, ev.Title, ev.StartsAt, ev.EndsAt, ev.Capacity, ev.Audience, ev.IsCancelled, ev.IsCheckInOpen(now), ev.IsOver(now));
    }

    /// <summary>
    /// The event's registrations, confirmed first in the order they were confirmed, then the waiting list, pending and cancelled;
    /// <paramref name="search"/> (name, email, child's first name) narrows them.
    /// </summary>
    public static async Task<IReadOnlyList<StaffRegistration>> RegistrationsAsync(TechnoparkDbContext db, int eventId, string? search,
        IReadOnlyCollection<RegistrationState>? states, CancellationToken cancellationToken)
    {
        var query = db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId);
        if (states is not null)
        {
            query = query.Where(r => states.Contains(r.State));
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(r => EF.Functions.ILike(r.Name, pattern) || EF.Functions.ILike(r.Email, pattern)
                || (r.ChildFirstName != null && EF.Functions.ILike(r.ChildFirstName, pattern)));
        }

        var rows = await query
            .Select(r => new StaffRegistration(r.Id, r.Name, r.Email, r.State, r.RegisteredAt, r.ConfirmedAt, r.ChildFirstName, r.ChildAge, r.CheckedInAt))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => Rank(r.State)).ThenBy(r => r.ConfirmedAt ?? r.RegisteredAt).ThenBy(r => r.Id)];
    }

    private static int Rank(RegistrationState state) => state switch
    {
        RegistrationState.Confirmed => 0,
        RegistrationState.Waitlisted => 1,
        RegistrationState.Pending => 2,
        _ => 3,
    };
}
