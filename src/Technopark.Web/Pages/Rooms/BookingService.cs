using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Rooms;

/// <summary>What a booking form asks for; <see cref="RepeatUntil"/> makes it a weekly series.</summary>
public sealed record BookingRequest(int SpaceId, BookingSlot Slot, BookingParty Party, int Attendees, string? Title, DateOnly? RepeatUntil = null);

/// <summary>The slot was taken (by a booking made a moment before, or in the same instant): the nearest free slots of that room that day.</summary>
public sealed class SlotTakenException(IReadOnlyList<FreeSlot> nearest)
    : DomainException(nearest.Count == 0 ? "Rooms.Booking.TakenNoneFree" : "Rooms.Booking.Taken",
        string.Join(", ", nearest.Select(s => $"{Localization.Display.Clock(s.Start)}–{Localization.Display.Clock(s.End)}")))
{
    public IReadOnlyList<FreeSlot> Nearest { get; } = nearest;
}

/// <summary>
/// Books, cancels and marks no-shows: one transaction each, audited. The Domain decides (<see cref="Booking"/>,
/// <see cref="Recurrence"/>, <see cref="RoomAccess"/>); the database's exclusion constraint settles races: of many
/// requests for one slot exactly one is saved, the others learn the nearest free slots. A weekly series is saved
/// whole or not at all, naming every date that cannot be booked.
/// </summary>
public sealed class BookingService(TechnoparkDbContext db, RoomCatalog catalog, AuditTrail audit, BookingMail mail, TimeProvider clock)
{
    /// <summary>How many other slots a "taken" message offers.</summary>
    public const int NearestOffered = 3;

    /// <summary>How many times a booking is tried when PostgreSQL aborts it to break a deadlock (<see cref="PostgresErrors.IsDeadlock"/>).</summary>
    private const int DeadlockAttempts = 3;

    public async Task<IReadOnlyList<Booking>> BookAsync(SiteResource site, RoomAccess access, string userId, BookingRequest request,
        CancellationToken cancellationToken)
    {
        if (!access.CanBookFor(request.Party))
        {
            throw new DomainException("Rooms.Booking.PartyNotAllowed") { Field = nameof(Booking.CompanyId) };
        }

        var room = await catalog.FindAsync(site.SiteId, request.SpaceId, cancellationToken)
            ?? throw new DomainException("Rooms.Booking.RoomNotFound") { Field = nameof(Booking.SpaceId) };
        var now = clock.GetUtcNow();
        var days = request.RepeatUntil is { } until ? Recurrence.Weekly(request.Slot.Day, until) : [request.Slot.Day];
        if (request.Party.CompanyId is { } companyId)
        {
            // A resident today (of this site, not left), and still one on every booked day: a company leaving on its stay's
            // planned end day books nothing from that day on.
            var today = SiteTime.DayOf(now);
            var company = await db.Companies.Where(c => c.Id == companyId && c.SiteId == site.SiteId).Select(c => new { c.ExitedOn })
                .SingleOrDefaultAsync(cancellationToken);
            if (company is null || company.ExitedOn <= today)
            {
                throw new DomainException("Rooms.Booking.CompanyNotResident") { Field = nameof(Booking.CompanyId) };
            }

            if (company.ExitedOn is { } exit && exit <= days[^1])
            {
                throw new DomainException("Rooms.Booking.CompanyLeaves", Localization.Display.Day(exit)) { Field = nameof(Booking.CompanyId) };
            }
        }

        var seriesId = days.Count > 1 ? Guid.NewGuid() : (Guid?)null;
        var first = Create(room, request, request.Slot, userId, now, seriesId); // the first date's errors go next to their fields
        var bookings = new List<Booking> { first };
        var refused = new List<DateOnly>();
        foreach (var day in days.Skip(1))
        {
            try
            {
                bookings.Add(Create(room, request, request.Slot.On(day), userId, now, seriesId));
            }
            catch (DomainException)
            {
                refused.Add(day); // e.g. a time the clock skips that day, or too far ahead
            }
        }

        var clashing = await ClashingAsync(room, bookings, cancellationToken);
        if (refused.Count > 0 || clashing.Count > 0)
        {
            throw days.Count > 1 ? SeriesRefused([.. refused.Concat(clashing).Order()]) : await TakenAsync(site, room, first, now, cancellationToken);
        }

        // Concurrent requests for one slot can deadlock on the exclusion constraint (each waits for the other's row): the one
        // PostgreSQL aborts runs again and then meets the winner's committed booking.
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Bookings.AddRange(bookings);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (PostgresErrors.IsDeadlock(e) && attempt < DeadlockAttempts)
            {
                db.ChangeTracker.Clear();
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }
            catch (DbUpdateException e) when (PostgresErrors.IsExclusionViolation(e, DbConstraints.RoomNoOverlap))
            {
                db.ChangeTracker.Clear();
                await transaction.RollbackAsync(cancellationToken);
                throw days.Count > 1 ? SeriesRefused(await ClashingAsync(room, bookings, cancellationToken)) : await TakenAsync(site, room, first, now, cancellationToken);
            }

            audit.Record(seriesId is null ? "booking.create" : "booking.series", nameof(Booking), first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                site.SiteId, null, new { room = room.Space.Code, bookings = bookings.Select(Snapshot) });
            await mail.ConfirmedAsync(bookings, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return bookings;
        }
    }

    /// <summary>
    /// One booking of a room of the site, checked against the booking rules and the room's live holds, added to the context but
    /// not saved: the caller saves it inside its own transaction (an event and its room, <c>Pages/Events/EventService</c>) and,
    /// when the exclusion <see cref="DbConstraints.RoomNoOverlap"/> refuses it, throws <see cref="TakenAsync(SiteResource, Booking, DateTimeOffset, CancellationToken)"/>.
    /// No email, no audit entry: the caller's record says what the booking is for.
    /// </summary>
    public async Task<Booking> AddWithoutSavingAsync(SiteResource site, int spaceId, BookingSlot slot, BookingParty party, int attendees, string? title,
        string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var room = await catalog.FindAsync(site.SiteId, spaceId, cancellationToken)
            ?? throw new DomainException("Rooms.Booking.RoomNotFound") { Field = nameof(Booking.SpaceId) };
        var booking = Booking.Create(room, slot, party, attendees, title, userId, now);
        if ((await ClashingAsync(room, [booking], cancellationToken)).Count > 0)
        {
            throw await TakenAsync(site, room, booking, now, cancellationToken);
        }

        db.Bookings.Add(booking);
        return booking;
    }

    /// <summary>The "taken" message for <paramref name="wanted"/> (a booking of a room of the site): the nearest free slots that day.</summary>
    public async Task<SlotTakenException> TakenAsync(SiteResource site, Booking wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var room = await catalog.FindAsync(site.SiteId, wanted.SpaceId, cancellationToken)
            ?? throw new DomainException("Rooms.Booking.RoomNotFound") { Field = nameof(Booking.SpaceId) };
        return await TakenAsync(site, room, wanted, now, cancellationToken);
    }

    /// <summary>Cancels a booking of the site (the person's company's, or any for staff); late ones are marked so.</summary>
    public async Task<Booking> CancelAsync(SiteResource site, RoomAccess access, string userId, long bookingId, CancellationToken cancellationToken)
    {
        var booking = await FindAsync(site, bookingId, cancellationToken);
        if (!access.CanCancel(booking))
        {
            throw new NotFoundException("Rooms.Booking.NotFound");
        }

        if (await db.Events.AnyAsync(e => e.BookingId == booking.Id && e.CancelledAt == null, cancellationToken))
        {
            throw new DomainException("Rooms.Booking.HoldsEvent"); // the database refuses it too (events_need_their_room)
        }

        var notice = await db.RoomSettings.Where(r => r.SpaceId == booking.SpaceId).Select(r => r.CancellationNoticeMinutes).SingleAsync(cancellationToken);
        booking.Cancel(userId, clock.GetUtcNow(), notice);
        audit.Record("booking.cancel", nameof(Booking), booking.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), site.SiteId, null,
            Snapshot(booking));
        await mail.CancelledAsync(booking, cancellationToken);
        await SaveAsync(cancellationToken);
        return booking;
    }

    /// <summary>Staff mark (or unmark) a started booking as a no-show.</summary>
    public async Task MarkNoShowAsync(SiteResource site, RoomAccess access, long bookingId, bool noShow, CancellationToken cancellationToken)
    {
        if (!access.CanMarkNoShow)
        {
            throw new NotFoundException("Rooms.Booking.NotFound");
        }

        var booking = await FindAsync(site, bookingId, cancellationToken);
        booking.MarkNoShow(noShow, clock.GetUtcNow());
        audit.Record("booking.no-show", nameof(Booking), booking.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), site.SiteId, null,
            Snapshot(booking));
        await SaveAsync(cancellationToken);
    }

    private static Booking Create(BookableRoom room, BookingRequest request, BookingSlot slot, string userId, DateTimeOffset now, Guid? seriesId) =>
        Booking.Create(room, slot, request.Party, request.Attendees, request.Title, userId, now, seriesId);

    /// <summary>The days of <paramref name="bookings"/> whose hold overlaps a live booking of the room (one statement).</summary>
    private async Task<List<DateOnly>> ClashingAsync(BookableRoom room, List<Booking> bookings, CancellationToken cancellationToken)
    {
        var from = bookings.Min(b => b.Start);
        var to = bookings.Max(b => b.BlockedUntil);
        var held = (await catalog.HeldAsync(room.Space.SiteId, [room.Space.Id], from, to, cancellationToken))[room.Space.Id].ToList();
        return [.. bookings.Where(b => held.Any(h => h.Start < b.BlockedUntil && b.Start < h.BlockedUntil)).Select(b => SiteTime.DayOf(b.Start))];
    }

    /// <summary>The slot is taken: the message offers the nearest free slots of the same length in that room that day.</summary>
    private async Task<SlotTakenException> TakenAsync(SiteResource site, BookableRoom room, Booking wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = SiteTime.DayOf(wanted.Start);
        var free = await catalog.FreeAsync(site.SiteId, [room], day, 0, WeeklyHours.MinutesPerDay, wanted.Minutes, now, cancellationToken);
        return new SlotTakenException(FreeSlots.Nearest(free, wanted.Start, wanted.Minutes, NearestOffered)) { Field = nameof(Booking.Start) };
    }

    /// <summary>A series is saved whole or not at all: the message lists every date that cannot be booked.</summary>
    private static DomainException SeriesRefused(IReadOnlyList<DateOnly> days) =>
        new("Rooms.Recurrence.Clashes", string.Join(", ", days.Select(Localization.Display.Day))) { Field = "RepeatUntil" };

    private async Task<Booking> FindAsync(SiteResource site, long bookingId, CancellationToken cancellationToken) =>
        await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId && b.SiteId == site.SiteId, cancellationToken)
            ?? throw new NotFoundException("Rooms.Booking.NotFound");

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new Manage.StaleDataException();
        }
    }

    private static object Snapshot(Booking b) => new
    {
        b.Id, b.SpaceId, b.Start, b.End, b.Attendees, b.Title, party = b.PartyKind.ToString(), b.CompanyId, b.ExternalName, b.SeriesId,
        b.CancelledAt, b.CancelledLate, b.NoShow,
    };
}
