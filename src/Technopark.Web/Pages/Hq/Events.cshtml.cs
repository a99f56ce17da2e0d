using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Infrastructure;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// /hq/events?from=yyyy-MM&amp;to=yyyy-MM: per site and month, the events held, registrations, attendance, no-shows and audiences
/// (<see cref="EventFigures"/>), the network's totals, and the CSV of the events. A bad range shows the default one with the reason.
/// </summary>
public sealed class EventsModel(EventFigures figures, TimeProvider clock) : PageModel
{
    public DateTimeOffset Now { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public ExportRangeError RangeError { get; private set; }

    public IReadOnlyList<DateOnly> Months { get; private set; } = [];

    /// <summary>The sites with events in the range (cancelled ones too), by name: their months' figures and their totals.</summary>
    public IReadOnlyList<SiteFigures> Sites { get; private set; } = [];

    public IReadOnlyDictionary<DateOnly, EventMonthFigures> NetworkMonths { get; private set; } = new Dictionary<DateOnly, EventMonthFigures>();

    public EventMonthFigures NetworkTotal { get; private set; } = null!;

    public async Task OnGetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var today = clock.Today();
        var range = EventFigures.Range(from, to, today, out var error) ?? EventFigures.Range(null, null, today, out _)!.Value;
        RangeError = error;
        (From, To) = range;
        Months = [.. Enumerable.Range(0, (To.Year - From.Year) * 12 + To.Month - From.Month + 1).Select(i => From.AddMonths(i))];
        var events = await figures.EventsAsync(From, To, cancellationToken);
        var now = Now;
        Sites = [.. events.GroupBy(e => (e.SiteSlug, e.SiteName)).OrderBy(g => g.Key.SiteName, StringComparer.CurrentCulture)
            .Select(g => new SiteFigures(g.Key.SiteSlug, g.Key.SiteName,
                Months.ToDictionary(m => m, m => EventFigures.Of(g.Where(e => e.Month == m), now)), EventFigures.Of(g, now)))];
        NetworkMonths = Months.ToDictionary(m => m, m => EventFigures.Of(events.Where(e => e.Month == m), now));
        NetworkTotal = EventFigures.Of(events, now);
    }

    public sealed record SiteFigures(string Slug, string Name, IReadOnlyDictionary<DateOnly, EventMonthFigures> Months, EventMonthFigures Total);
}
