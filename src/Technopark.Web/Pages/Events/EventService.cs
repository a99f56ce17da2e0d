using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.Web.Authorization;
using Technopark.Web.Hosting;
using Technopark.Web.Identity;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Rooms;

namespace Technopark.Web.Pages.Events;

/// <summary>What staff ask for when they create an event: the room and its times (site time), then the event itself.</summary>
public sealed record EventRequest(int SpaceId, BookingSlot Slot, int Capacity, string? Title, string? Description, EventLanguage Language,
    EventAudience Audience, DateTimeOffset RegistrationDeadline, string? Partners);

/// <summary>
/// Staff's side of events: an event is created with its room booking in one transaction (the booking rules of
/// <see cref="BookingService"/> apply, a clash answers with the nearest free slots; the event's rules are <see cref="Event"/>'s),
/// and cancelled with its booking (the event first: the database refuses to free a room that holds a live event), telling
/// everyone registered. Audited as <c>event.create</c> / <c>event.cancel</c>.
/// </summary>
public sealed class EventService(
    TechnoparkDbContext db,
    BookingService bookings,
    AuditTrail audit,
    EmailOutbox outbox,
    PublicUrls urls,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock)
{
    /// <summary>
    /// Books the room for the site and creates the event on it, or neither. Errors carry the field of the form they belong to
    /// (<see cref="FieldOf"/> maps the booking's fields to the event form's).
    /// </summary>
    public async Task<Event> CreateAsync(SiteResource site, string userId, EventRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await Mapped(() => bookings.AddWithoutSavingAsync(site, request.SpaceId, request.Slot, BookingParty.ForSite(), request.Capacity,
            Trim(request.Title, Booking.TitleMaxLength), userId, now, cancellationToken));
        Create(booking, request, userId, now); // the event's own rules, before anything is written
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsExclusionViolation(e, DbConstraints.RoomNoOverlap))
        {
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(cancellationToken);
            throw await bookings.TakenAsync(site, booking, now, cancellationToken);
        }

        var ev = Create(booking, request, userId, now);
        db.Events.Add(ev);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("event.create", nameof(Event), ev.Id, site.SiteId, null, Snapshot(ev));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ev;
    }

    /// <summary>
    /// Cancels an event of the site that has not ended, then frees its room (late when the room's notice is past), and queues an
    /// email to each live registration (pending, confirmed, waitlisted). The event's row is locked first: registrations of the
    /// event wait for the cancellation and then find the event cancelled.
    /// </summary>
    public async Task<Event> CancelAsync(SiteResource site, string userId, int eventId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockEventAsync(eventId, site.SiteId, cancellationToken);
        var ev = await db.Events.SingleOrDefaultAsync(e => e.Id == eventId && e.SiteId == site.SiteId, cancellationToken)
            ?? throw new NotFoundException("Events.Staff.NotFound");
        var now = clock.GetUtcNow();
        var before = Snapshot(ev);
        ev.Cancel(now);
        await db.SaveChangesAsync(cancellationToken); // the event first: the trigger keeps a live event's booking

        var booking = await db.Bookings.SingleAsync(b => b.Id == ev.BookingId, cancellationToken);
        var notice = await db.RoomSettings.Where(r => r.SpaceId == booking.SpaceId).Select(r => r.CancellationNoticeMinutes).SingleAsync(cancellationToken);
        booking.Cancel(userId, now, notice);
        audit.Record("event.cancel", nameof(Event), ev.Id, site.SiteId, before, new { Event = Snapshot(ev), BookingCancelledLate = booking.CancelledLate });
        await TellRegisteredAsync(site, ev, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ev;
    }

    /// <summary>The field of the event form a booking rule's error belongs to.</summary>
    public static string? FieldOf(string? bookingField) => bookingField switch
    {
        nameof(Booking.Attendees) => nameof(Event.Capacity),
        nameof(Booking.Title) => nameof(Event.Title),
        nameof(Booking.CompanyId) => null,
        _ => bookingField,
    };

    private static Event Create(Booking booking, EventRequest request, string userId, DateTimeOffset now) =>
        Event.Create(booking, request.Title, request.Description, request.Language, request.Audience, request.Capacity, request.RegistrationDeadline,
            request.Partners, userId, now);

    private static async Task<Booking> Mapped(Func<Task<Booking>> book)
    {
        try
        {
            return await book();
        }
        catch (SlotTakenException)
        {
            throw;
        }
        catch (DomainException e) when (FieldOf(e.Field) != e.Field)
        {
            throw new DomainException(e.Code, [.. e.Arguments]) { Field = FieldOf(e.Field) };
        }
    }

    /// <summary>The booking's title is shorter than the event's: the event keeps the whole title, the booking its beginning.</summary>
    private static string? Trim(string? title, int max) => title?.Trim() is { Length: > 0 } t ? (t.Length <= max ? t : t[..max]) : null;

    /// <summary>One email per live registration, in French (registrations keep no language), with the site's page to find other events.</summary>
    private async Task TellRegisteredAsync(SiteResource site, Event ev, CancellationToken cancellationToken)
    {
        var addresses = await db.EventRegistrations.AsNoTracking()
            .Where(r => r.EventId == ev.Id && r.State != RegistrationState.Cancelled)
            .OrderBy(r => r.Id).Select(r => r.Email).ToListAsync(cancellationToken);
        if (addresses.Count == 0)
        {
            return;
        }

        var siteName = await db.Sites.Where(s => s.Id == site.SiteId).Select(s => s.Name).SingleAsync(cancellationToken);
        var link = urls.Page("/Sites/Detail", new { slug = site.Slug });
        UserLanguage.In(Cultures.Default, () =>
        {
            var day = Display.Day(SiteTime.DayOf(ev.StartsAt));
            var subject = text["Events.Staff.Mail.CancelledSubject", ev.Title, day].Value;
            var body = text["Events.Staff.Mail.CancelledBody", ev.Title, day, Display.Clock(ev.StartsAt), siteName, link].Value;
            var html = $"<p>{System.Net.WebUtility.HtmlEncode(body).Replace("\n", "<br>", StringComparison.Ordinal)}</p>";
            foreach (var address in addresses)
            {
                outbox.Enqueue(address, subject, html, body);
            }
        });
    }

    private static object Snapshot(Event e) => new
    {
        e.Id, e.BookingId, e.SpaceId, e.Title, Language = e.Language.ToString(), Audience = e.Audience.ToString(), e.Capacity, e.StartsAt, e.EndsAt,
        e.RegistrationDeadline, e.Partners, e.CancelledAt,
        Starts = SiteTime.Local(e.StartsAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
    };
}
