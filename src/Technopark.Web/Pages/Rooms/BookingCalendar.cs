using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data;
using Technopark.Web.Email;
using Technopark.Web.Hosting;

namespace Technopark.Web.Pages.Rooms;

/// <summary>A booking as a calendar shows it: its room, site and party by name (<see cref="CalendarBooking.Party"/>: the company, the site or the organisation).</summary>
public sealed record CalendarBooking(long Id, DateTimeOffset Start, DateTimeOffset End, string RoomCode, string SiteName, string? Title, string? Party)
{
    /// <summary>
    /// The bookings of <paramref name="bookings"/> with their room, site and party names (one statement). The party is the
    /// company's legal name, the organisation's name, or the site's for the site's own bookings.
    /// </summary>
    public static IQueryable<CalendarBooking> Of(TechnoparkDbContext db, IQueryable<Booking> bookings) =>
        from b in bookings
        join s in db.Spaces on b.SpaceId equals s.Id
        join site in db.Sites on b.SiteId equals site.Id
        join c in db.Companies on b.CompanyId equals (int?)c.Id into companies
        from c in companies.DefaultIfEmpty()
        orderby b.Start, b.Id
        select new CalendarBooking(b.Id, b.Start, b.End, s.Code, site.Name, b.Title,
            b.PartyKind == BookingPartyKind.Company ? c!.LegalName : b.PartyKind == BookingPartyKind.External ? b.ExternalName : site.Name);
}

/// <summary>
/// Bookings as iCalendar (RFC 5545) text, written with Ical.Net: one VEVENT per booking whose UID
/// (<c>booking-{id}@{public host}</c>) never changes, so that a calendar that received the confirmation recognises the
/// cancellation and the feed's copy of the same booking. Times are UTC instants (exact whatever the clock changes of
/// Africa/Casablanca; calendars show them in their reader's zone).
/// <list type="bullet">
/// <item>A confirmation: <c>METHOD:REQUEST</c>, <c>STATUS:CONFIRMED</c>, <c>SEQUENCE:0</c>; a weekly series is all its events in one calendar.</item>
/// <item>A cancellation: <c>METHOD:CANCEL</c>, <c>STATUS:CANCELLED</c> and a higher <c>SEQUENCE</c>, so that it wins over the confirmation.</item>
/// <item>A feed: <c>METHOD:PUBLISH</c> with its name (<c>X-WR-CALNAME</c>).</item>
/// </list>
/// </summary>
public sealed class BookingCalendar(IOptions<PublicUrlOptions> urls, IOptions<EmailOptions> email, TimeProvider clock)
{
    /// <summary>The media type of the feeds (UTF-8 text).</summary>
    public const string FeedContentType = "text/calendar; charset=utf-8";

    /// <summary>The file attached to the emails.</summary>
    public const string AttachmentName = "reservation.ics";

    /// <summary>A booking's revision: bookings are never changed, only cancelled, so two are enough.</summary>
    public const int ConfirmedSequence = 0, CancelledSequence = 1;

    private const string ProductId = "-//Technopark//Salles//FR";

    private readonly string _host = urls.Value.BaseUri.Host;

    /// <summary>The stable UID of a booking.</summary>
    public string Uid(long bookingId) => $"booking-{bookingId.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{_host}";

    /// <summary>The media type of an emailed calendar, with its iTIP method as mail clients expect.</summary>
    public static string AttachmentType(string method) => $"text/calendar; method={method}";

    /// <summary>A confirmation sent to <paramref name="attendee"/> (an email address): METHOD:REQUEST, one event per booking.</summary>
    public byte[] Request(IEnumerable<CalendarBooking> bookings, string attendee) =>
        Bytes(Write(CalendarMethods.Request, null, bookings, EventStatus.Confirmed, ConfirmedSequence, attendee));

    /// <summary>A cancellation sent to <paramref name="attendee"/>: METHOD:CANCEL, same UIDs, higher SEQUENCE.</summary>
    public byte[] Cancel(IEnumerable<CalendarBooking> bookings, string attendee) =>
        Bytes(Write(CalendarMethods.Cancel, null, bookings, EventStatus.Cancelled, CancelledSequence, attendee));

    /// <summary>A subscribed feed named <paramref name="name"/>: METHOD:PUBLISH, the live bookings given.</summary>
    public string Feed(string name, IEnumerable<CalendarBooking> bookings) =>
        Write(CalendarMethods.Publish, name, bookings, EventStatus.Confirmed, ConfirmedSequence, null);

    private string Write(string method, string? name, IEnumerable<CalendarBooking> bookings, string status, int sequence, string? attendee)
    {
        var calendar = new Calendar { ProductId = ProductId, Method = method };
        if (name is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", name);
        }

        var stamp = new CalDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var booking in bookings)
        {
            var party = booking.Party ?? booking.SiteName;
            var evt = new CalendarEvent
            {
                Uid = Uid(booking.Id),
                DtStamp = stamp,
                DtStart = new CalDateTime(booking.Start.UtcDateTime),
                DtEnd = new CalDateTime(booking.End.UtcDateTime),
                Summary = $"{booking.RoomCode} · {booking.Title ?? party}",
                Description = party,
                Location = $"{booking.SiteName}, {booking.RoomCode}",
                Status = status,
                Sequence = sequence,
            };
            if (attendee is not null)
            {
                // iTIP wants an organizer and the attendee: the site (the app's sender address) invites the reader, who need not answer.
                evt.Organizer = new Organizer($"mailto:{email.Value.Smtp.From}") { CommonName = booking.SiteName };
                evt.Attendees.Add(new Attendee($"mailto:{attendee}")
                {
                    ParticipationStatus = EventParticipationStatus.Accepted,
                    Rsvp = false,
                });
            }

            calendar.Events.Add(evt);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
