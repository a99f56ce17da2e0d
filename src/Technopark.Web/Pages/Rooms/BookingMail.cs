using System.Globalization;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.Web.Email;
using Technopark.Web.Hosting;
using Technopark.Web.Identity;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Companies;

namespace Technopark.Web.Pages.Rooms;

/// <summary>
/// The emails of a booking, queued in the outbox with the caller's transaction (no email for a booking that was not
/// saved): a confirmation (with the <c>.ics</c> invitation, METHOD:REQUEST) when it is made, a cancellation (METHOD:CANCEL,
/// same UIDs) when it is cancelled. They go to the person who booked and, for a company's booking, to each member of the
/// company, once each, every reader in their own language; times are the site's wall-clock times.
/// </summary>
public sealed class BookingMail(
    TechnoparkDbContext db,
    EmailOutbox outbox,
    BookingCalendar calendar,
    PublicUrls urls,
    IStringLocalizer<SharedResource> text)
{
    /// <summary>Queues the confirmation of <paramref name="bookings"/> (one booking, or a weekly series), saved with ids already.</summary>
    public Task ConfirmedAsync(IReadOnlyList<Booking> bookings, CancellationToken cancellationToken) =>
        WriteAsync(bookings, cancelled: false, cancellationToken);

    /// <summary>Queues the cancellation of <paramref name="booking"/>.</summary>
    public Task CancelledAsync(Booking booking, CancellationToken cancellationToken) =>
        WriteAsync([booking], cancelled: true, cancellationToken);

    private async Task WriteAsync(IReadOnlyList<Booking> bookings, bool cancelled, CancellationToken cancellationToken)
    {
        var first = bookings[0];
        var ids = bookings.Select(b => b.Id).ToList();
        var shown = await CalendarBooking.Of(db, db.Bookings.AsNoTracking().Where(b => ids.Contains(b.Id))).ToListAsync(cancellationToken);
        var slug = await db.Sites.Where(s => s.Id == first.SiteId).Select(s => s.Slug).SingleAsync(cancellationToken);
        var readers = await ReadersAsync(first.BookedBy, first.CompanyId, cancellationToken);
        if (shown.Count == 0 || readers.Count == 0)
        {
            return;
        }

        // The URL contract's "my bookings" page (/Rooms/Mine).
        var link = urls.Page("/Rooms/Mine", new { slug });
        var room = shown[0];
        var party = room.Party ?? room.SiteName;
        var languages = await LanguagesAsync(readers, cancellationToken);
        foreach (var reader in readers)
        {
            var ics = cancelled ? calendar.Cancel(shown, reader.Email) : calendar.Request(shown, reader.Email);
            var method = cancelled ? CalendarMethods.Cancel : CalendarMethods.Request;
            UserLanguage.In(languages.GetValueOrDefault(reader.Id), () =>
            {
                var day = Display.Day(SiteTime.DayOf(room.Start));
                var subject = cancelled ? text["RoomsCal.Mail.CancelledSubject", room.RoomCode, day]
                    : shown.Count > 1 ? text["RoomsCal.Mail.SeriesSubject", room.RoomCode, Display.Count(shown.Count)]
                    : text["RoomsCal.Mail.ConfirmedSubject", room.RoomCode, day];
                var lines = string.Join("\n", shown.Select(b => "- " + text["RoomsCal.Mail.Slot", Display.Day(SiteTime.DayOf(b.Start)), Display.Clock(b.Start), Display.Clock(b.End)]));
                var body = string.Join("\n\n",
                    text[cancelled ? "RoomsCal.Mail.CancelledBody" : "RoomsCal.Mail.ConfirmedBody", room.RoomCode, room.SiteName, party].Value,
                    lines,
                    text[cancelled ? "RoomsCal.Mail.CancelledFooter" : "RoomsCal.Mail.ConfirmedFooter", link].Value);
                outbox.EnqueueText(reader.Email, subject, body)
                    .WithAttachment(BookingCalendar.AttachmentName, BookingCalendar.AttachmentType(method), ics);
            });
        }
    }

    /// <summary>Whoever booked and, for a company, its members: each once, with an email address (one statement).</summary>
    private async Task<List<Reader>> ReadersAsync(string bookedBy, int? companyId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Email != null && (u.Id == bookedBy
                || (companyId != null && db.CompanyMembers.Any(m => m.CompanyId == companyId && m.UserId == u.Id))))
            .OrderBy(u => u.Email)
            .Select(u => new Reader(u.Id, u.Email!))
            .ToListAsync(cancellationToken);

    /// <summary>The language each reader reads the app in (one statement; none remembered: French).</summary>
    private async Task<Dictionary<string, string?>> LanguagesAsync(List<Reader> readers, CancellationToken cancellationToken)
    {
        var ids = readers.Select(r => r.Id).ToList();
        var claims = await db.UserClaims.AsNoTracking()
            .Where(c => ids.Contains(c.UserId) && c.ClaimType == UserLanguage.ClaimType)
            .Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(cancellationToken);
        return claims.GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.First().ClaimValue);
    }

}
