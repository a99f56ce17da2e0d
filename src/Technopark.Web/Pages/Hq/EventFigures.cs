using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Hq;

/// <summary>One event of the network with what HQ counts of it (one row of the CSV).</summary>
public sealed record NetworkEventRow(int Id, string SiteSlug, string SiteName, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    EventAudience Audience, EventLanguage Language, int Capacity, bool Cancelled, int Confirmed, int Waitlisted, int Attended)
{
    /// <summary>The month the event starts in, site time (its first day).</summary>
    public DateOnly Month => SiteTime.MonthOf(StartsAt);

    public bool IsOver(DateTimeOffset now) => now >= EndsAt;

    /// <summary>Confirmed with a seat and not checked in, once the event is over (0 before).</summary>
    public int NoShows(DateTimeOffset now) => IsOver(now) ? Confirmed - Attended : 0;
}

/// <summary>A site's (or the network's) figures for one month (or the whole range): see <see cref="EventFigures"/> for the definitions.</summary>
public sealed record EventMonthFigures(int Events, int Registrations, int Attended, int NoShows, int AttendedOfEventsOver,
    IReadOnlyDictionary<EventAudience, int> Audiences)
{
    /// <summary>Attended / (attended + no-shows) over the events that are over; null when none of them had anyone confirmed.</summary>
    public decimal? AttendanceRate => AttendedOfEventsOver + NoShows == 0 ? null
        : decimal.Round((decimal)AttendedOfEventsOver / (AttendedOfEventsOver + NoShows), 4, MidpointRounding.AwayFromZero);
}

/// <summary>
/// HQ's events figures, per site and month of the event's start (site time), from one statement. Events: held, i.e. not cancelled.
/// Registrations: of those events, confirmed or waitlisted (address confirmed, not cancelled). Attended: of those, checked in
/// (confirmed with a seat). No-shows: confirmed with a seat, not checked in, the event over. Attendance rate: attended / (attended +
/// no-shows) over the events that are over. Audiences: events held per audience.
/// </summary>
public sealed class EventFigures(TechnoparkDbContext db)
{
    /// <summary>The longest range the page shows (months).</summary>
    public const int MaxMonths = 60;

    /// <summary>Every event starting in the months [<paramref name="from"/>, <paramref name="to"/>] (first days), cancelled ones too, by start.</summary>
    public async Task<IReadOnlyList<NetworkEventRow>> EventsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = SiteTime.StartOf(from);
        var end = SiteTime.StartOf(to.AddMonths(1));
        return await (from e in db.Events.AsNoTracking()
                      where e.StartsAt >= start && e.StartsAt < end
                      join s in db.Sites on e.SiteId equals s.Id
                      orderby e.StartsAt, e.Id
                      select new NetworkEventRow(e.Id, s.Slug, s.Name, e.Title, e.StartsAt, e.EndsAt, e.Audience, e.Language, e.Capacity,
                          e.CancelledAt != null,
                          db.EventRegistrations.Count(r => r.EventId == e.Id && r.State == RegistrationState.Confirmed),
                          db.EventRegistrations.Count(r => r.EventId == e.Id && r.State == RegistrationState.Waitlisted),
                          db.EventRegistrations.Count(r => r.EventId == e.Id && r.State == RegistrationState.Confirmed && r.CheckedInAt != null)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The figures of <paramref name="events"/> (cancelled ones are left out), at <paramref name="now"/>.</summary>
    public static EventMonthFigures Of(IEnumerable<NetworkEventRow> events, DateTimeOffset now)
    {
        var held = events.Where(e => !e.Cancelled).ToList();
        return new EventMonthFigures(
            held.Count,
            held.Sum(e => e.Confirmed + e.Waitlisted),
            held.Sum(e => e.Attended),
            held.Sum(e => e.NoShows(now)),
            held.Where(e => e.IsOver(now)).Sum(e => e.Attended),
            Enum.GetValues<EventAudience>().ToDictionary(a => a, a => held.Count(e => e.Audience == a)));
    }

    /// <summary>"2027-03".</summary>
    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Reads "yyyy-MM" (a month within the date limits), else null.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
        && DateRangeLimits.Contains(month) && DateRangeLimits.Contains(month.AddMonths(1)) ? month : null;

    /// <summary>
    /// The months asked (<c>from</c>/<c>to</c>, "yyyy-MM", both included); by default the last 12 months to next month. A bad month, a
    /// range backwards or longer than <see cref="MaxMonths"/> is refused with the field at fault.
    /// </summary>
    public static (DateOnly From, DateOnly To)? Range(string? from, string? to, DateOnly today, out ExportRangeError error)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        var first = string.IsNullOrEmpty(from) ? current.AddMonths(-11) : ParseMonth(from);
        var last = string.IsNullOrEmpty(to) ? current.AddMonths(1) : ParseMonth(to);
        error = first is null ? ExportRangeError.From
            : last is null ? ExportRangeError.To
            : first > last || first.Value.AddMonths(MaxMonths) <= last ? ExportRangeError.Order
            : ExportRangeError.None;
        return error == ExportRangeError.None ? (first!.Value, last!.Value) : null;
    }
}
