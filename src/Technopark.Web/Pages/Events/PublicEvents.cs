using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Events;

/// <summary>An event as the public pages show it: where, when (site time), its seats.</summary>
public sealed record PublicEvent(int Id, string Title, string SiteSlug, string SiteName, string Room, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    EventLanguage Language, EventAudience Audience, int Capacity, int Confirmed, DateTimeOffset RegistrationDeadline, DateTimeOffset? CancelledAt)
{
    public int SeatsLeft => Math.Max(0, Capacity - Confirmed);

    public bool IsCancelled => CancelledAt is not null;
}

/// <summary>The detail page's event: the listing's fields, its description and partners.</summary>
public sealed record PublicEventDetail(PublicEvent Event, string Description, string? Partners, int SiteId);

/// <summary>What the filters of the list asked for; <see cref="Rejected"/> when a value could not be read (the filter is dropped, the page says so).</summary>
public sealed record EventFilter(string? Site, DateOnly? Month, EventAudience? Audience, bool Rejected)
{
    /// <summary>Reads <c>?site=&amp;month=yyyy-MM&amp;audience=</c>; a bad month or audience is dropped and reported, never a 500.</summary>
    public static EventFilter Read(string? site, string? month, string? audience)
    {
        var rejected = false;
        DateOnly? first = null;
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100)
            {
                first = day;
            }
            else
            {
                rejected = true;
            }
        }

        EventAudience? who = null;
        if (!string.IsNullOrWhiteSpace(audience))
        {
            if (Enum.TryParse<EventAudience>(audience, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(audience, out _))
            {
                who = parsed;
            }
            else
            {
                rejected = true;
            }
        }

        return new EventFilter(string.IsNullOrWhiteSpace(site) ? null : site.Trim().ToLowerInvariant(), first, who, rejected);
    }
}

/// <summary>The network's upcoming events (not over; cancelled ones shown as such), and one event, for anyone.</summary>
public sealed class PublicEvents(TechnoparkDbContext db, TimeProvider clock)
{
    /// <summary>Upcoming events matching the filter, soonest first (one statement).</summary>
    public async Task<IReadOnlyList<PublicEvent>> ListAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var events = db.Events.AsNoTracking().Where(e => e.EndsAt > now);
        if (filter.Site is { } slug)
        {
            events = events.Where(e => db.Sites.Any(s => s.Id == e.SiteId && s.Slug == slug));
        }

        if (filter.Month is { } month)
        {
            var (from, to) = (SiteTime.StartOf(month), SiteTime.StartOf(month.AddMonths(1)));
            events = events.Where(e => e.StartsAt >= from && e.StartsAt < to);
        }

        if (filter.Audience is { } audience)
        {
            events = events.Where(e => e.Audience == audience);
        }

        var shown = await Shown(events).ToListAsync(cancellationToken); // ordered here: EF cannot order by a constructor's argument
        return [.. shown.OrderBy(e => e.StartsAt).ThenBy(e => e.Id)];
    }

    /// <summary>One event, past or cancelled too (null: no such event).</summary>
    public async Task<PublicEventDetail?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var shown = await Shown(db.Events.AsNoTracking().Where(e => e.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (shown is null)
        {
            return null;
        }

        var more = await db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Description, e.Partners, e.SiteId }).SingleAsync(cancellationToken);
        return new PublicEventDetail(shown, more.Description, more.Partners, more.SiteId);
    }

    /// <summary>The sites, for the filter: slug and name, by name.</summary>
    public async Task<IReadOnlyList<(string Slug, string Name)>> SitesAsync(CancellationToken cancellationToken) =>
        [.. (await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Slug, s.Name }).ToListAsync(cancellationToken)).Select(s => (s.Slug, s.Name))];

    private IQueryable<PublicEvent> Shown(IQueryable<Event> events) =>
        from e in events
        join s in db.Sites on e.SiteId equals s.Id
        join room in db.Spaces on e.SpaceId equals room.Id
        select new PublicEvent(e.Id, e.Title, s.Slug, s.Name, room.Code, e.StartsAt, e.EndsAt, e.Language, e.Audience, e.Capacity,
            db.EventRegistrations.Count(r => r.EventId == e.Id && r.State == RegistrationState.Confirmed), e.RegistrationDeadline, e.CancelledAt);
}
