using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Infrastructure;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// /hq/events.csv?from=yyyy-MM&amp;to=yyyy-MM: one row per event starting in the months (site time), cancelled ones too (last column),
/// with the figures of <see cref="EventFigures"/> (no-shows once it is over). A refused range goes back to /hq/events, which says why.
/// </summary>
public sealed class ExportEventsModel(EventFigures figures, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        if (EventFigures.Range(from, to, clock.Today(), out _) is not { } range)
        {
            return RedirectToPage("/Hq/Events", new { from, to });
        }

        var now = clock.GetUtcNow();
        var events = await figures.EventsAsync(range.From, range.To, cancellationToken);
        var bytes = CsvExport.InFrench(() => CsvExport.Write(
            [l["Events.Hq.Col.Site"], l["Events.Hq.Col.Date"], l["Events.Hq.Col.Start"], l["Events.Hq.Col.Title"], l["Events.Hq.Col.Audience"],
                l["Events.Hq.Col.Language"], l["Events.Hq.Col.Capacity"], l["Events.Hq.Col.Confirmed"], l["Events.Hq.Col.Waitlisted"],
                l["Events.Hq.Col.Attended"], l["Events.Hq.Col.NoShows"], l["Events.Hq.Col.Cancelled"]],
            events.Select(e => (IReadOnlyList<object?>)[e.SiteName, Display.Iso(SiteTime.DayOf(e.StartsAt)), Display.Clock(e.StartsAt), e.Title,
                l.Name(e.Audience), l.Name(e.Language), e.Capacity, e.Confirmed, e.Waitlisted, e.Attended, e.Cancelled ? null : e.NoShows(now),
                e.Cancelled ? l["Events.Hq.Col.Yes"].Value : l["Events.Hq.Col.No"].Value])));
        return File(bytes, CsvExport.ContentType, $"evenements-{EventFigures.MonthKey(range.From)}_{EventFigures.MonthKey(range.To)}.csv");
    }
}
