using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Events;

/// <summary>What the registration form asks (the child's fields only for a children's workshop).</summary>
public sealed record RegistrationRequest(string? Name, string? Email, string? ChildFirstName, int? ChildAge);

/// <summary>A registration opened by the token of a link, with its event.</summary>
public sealed record TokenRegistration(long Id, RegistrationState State, string Name, MailEvent Event);

/// <summary>
/// Registration to events: register (double opt-in: a pending registration and its confirmation link), confirm (a seat or the
/// waiting list), cancel (by the link, or by the site's managers) with the waiting list moving up, check-in by staff. The
/// Domain decides (<see cref="EventRegistration"/>, <see cref="EventSeats"/>); this adds the transaction, the lock and the
/// emails. Confirmations and cancellations of one event go one at a time under a lock on the event's row, so seats are
/// counted by one request at a time: confirmed never exceed the capacity (the database checks it again at commit) and two
/// cancellations at once promote two different people, first confirmed first.
/// </summary>
public sealed class RegistrationService(TechnoparkDbContext db, RegistrationMail mail, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Registers and queues the confirmation link; a pending registration of the same address that lapsed gives way.</summary>
    public async Task<EventRegistration> RegisterAsync(int eventId, RegistrationRequest request, string? userId, bool isResident,
        CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken)
            ?? throw new NotFoundException("Events.Public.NotFound");
        var now = clock.GetUtcNow();
        var (token, hash) = RegistrationTokens.New();
        var registration = EventRegistration.Register(ev, request.Email, request.Name, request.ChildFirstName, request.ChildAge, userId, isResident, hash, now);
        var lapsed = await db.EventRegistrations
            .Where(r => r.EventId == eventId && r.Email == registration.Email && r.State == RegistrationState.Pending)
            .ToListAsync(cancellationToken);
        foreach (var old in lapsed.Where(r => r.HasLapsed(now)))
        {
            old.Lapse(now);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.EventRegistrations.Add(registration);
        mail.Pending(registration, await MailEventAsync(eventId, cancellationToken), token);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e, DbConstraints.RegistrationEmailUnique))
        {
            db.ChangeTracker.Clear();
            throw new DomainException("Events.AlreadyRegistered") { Field = nameof(EventRegistration.Email) };
        }

        await transaction.CommitAsync(cancellationToken);
        return registration;
    }

    /// <summary>The registration a link's token opens (null: no such registration, the same answer as a malformed token).</summary>
    public async Task<TokenRegistration?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = RegistrationTokens.Hash(token);
        if (hash is null)
        {
            return null;
        }

        var found = await db.EventRegistrations.AsNoTracking().Where(r => r.TokenHash == hash)
            .Select(r => new { r.Id, r.State, r.Name, r.EventId }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new TokenRegistration(found.Id, found.State, found.Name, await MailEventAsync(found.EventId, cancellationToken));
    }

    /// <summary>Confirms the address (a POST: link scanners only GET): a seat when one is free, else the waiting list; the email says which.</summary>
    public async Task<RegistrationState> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken) ?? throw new NotFoundException("Events.TokenInvalid");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ev = await LockEventAsync(found.Event.Id, cancellationToken);
        var registration = await db.EventRegistrations.SingleAsync(r => r.Id == found.Id, cancellationToken);
        var before = registration.State;
        var confirmed = await db.EventRegistrations.CountAsync(r => r.EventId == ev.Id && r.State == RegistrationState.Confirmed, cancellationToken);
        var state = registration.Confirm(ev, confirmed, clock.GetUtcNow());
        if (state != before)
        {
            mail.Confirmed(registration, found.Event, token);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return state;
    }

    /// <summary>Cancels by the link's token; the waiting list moves up.</summary>
    public async Task CancelAsync(string token, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken) ?? throw new NotFoundException("Events.TokenInvalid");
        await CancelAsync(found.Event.Id, found.Id, null, cancellationToken);
    }

    /// <summary>A manager of the site cancels a registration of one of its events (audited); the waiting list moves up.</summary>
    public async Task CancelByStaffAsync(int siteId, int eventId, long registrationId, CancellationToken cancellationToken)
    {
        if (!await db.Events.AnyAsync(e => e.Id == eventId && e.SiteId == siteId, cancellationToken)
            || !await db.EventRegistrations.AnyAsync(r => r.Id == registrationId && r.EventId == eventId, cancellationToken))
        {
            throw new NotFoundException("Events.Public.NotFound");
        }

        await CancelAsync(eventId, registrationId, siteId, cancellationToken);
    }

    /// <summary>Checks a confirmed person in (or takes it back) at an event of the site.</summary>
    public async Task CheckInAsync(int siteId, int eventId, long registrationId, string staffUserId, bool undo, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId && e.SiteId == siteId, cancellationToken)
            ?? throw new NotFoundException("Events.Public.NotFound");
        var registration = await db.EventRegistrations.SingleOrDefaultAsync(r => r.Id == registrationId && r.EventId == eventId, cancellationToken)
            ?? throw new NotFoundException("Events.Public.NotFound");
        if (undo)
        {
            registration.UndoCheckIn(ev, clock.GetUtcNow());
        }
        else
        {
            registration.CheckIn(ev, staffUserId, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CancelAsync(int eventId, long registrationId, int? staffSiteId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ev = await LockEventAsync(eventId, cancellationToken);
        var now = clock.GetUtcNow();
        var live = await db.EventRegistrations.Where(r => r.EventId == eventId && r.State != RegistrationState.Cancelled).ToListAsync(cancellationToken);
        var registration = live.SingleOrDefault(r => r.Id == registrationId)
            ?? throw new DomainException("Events.RegistrationCancelled") { Field = nameof(EventRegistration.State) };
        var before = registration.State;
        registration.Cancel(ev, now);
        var promoted = EventSeats.Promote(ev, live, now);
        var shown = promoted.Count > 0 ? await MailEventAsync(eventId, cancellationToken) : null;
        foreach (var person in promoted)
        {
            var (token, hash) = RegistrationTokens.New();
            person.ReissueToken(hash);
            await mail.PromotedAsync(person, shown!, token, cancellationToken);
        }

        if (staffSiteId is { } siteId)
        {
            audit.Record("event-registration.cancel", nameof(EventRegistration), registration.Id.ToString(CultureInfo.InvariantCulture), siteId,
                new { before }, new { registration.State, promoted = promoted.Select(p => p.Id) });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Locks the event's row until the transaction ends and reads it: confirmations and cancellations of one event wait for each
    /// other, so the seats they count are those the previous one left.
    /// </summary>
    private async Task<Event> LockEventAsync(int eventId, CancellationToken cancellationToken)
    {
        return await db.LockEventAsync(eventId, null, cancellationToken)
            ? await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, cancellationToken)
            : throw new NotFoundException("Events.Public.NotFound");
    }

    private Task<MailEvent> MailEventAsync(int eventId, CancellationToken cancellationToken) =>
        (from e in db.Events.AsNoTracking()
         join s in db.Sites on e.SiteId equals s.Id
         join room in db.Spaces on e.SpaceId equals room.Id
         where e.Id == eventId
         select new MailEvent(e.Id, e.Title, s.Slug, s.Name, room.Code, e.StartsAt, e.EndsAt)).SingleAsync(cancellationToken);
}
