using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Domain.Network;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// Monthly office occupancy rate per site over the 24 months ending at the chosen day (first day of
/// each month), from one SQL statement; the figures in a table, and a chart that wwwroot/js/hq-trend.js draws from the table.
/// A month when the site does not count in the network's figures (before it opened, from the day it closed), or without active
/// offices, has no rate; a site without a rate in any of the months has no series (counting in some months and having offices
/// in others is not enough).
/// </summary>
public sealed class TrendModel(HqReports reports) : PageModel
{
    public DateOnly On { get; private set; }

    public IReadOnlyList<DateOnly> Months { get; private set; } = [];

    public IReadOnlyList<SiteSeries> Series { get; private set; } = [];

    public async Task OnGetAsync(string? on, CancellationToken cancellationToken)
    {
        On = reports.Day(on);
        var (sites, points) = await reports.SitesAndTrendAsync(On, cancellationToken);
        Months = [.. points.Select(p => p.Month).Distinct().Order()];
        var names = sites.ToDictionary(s => s.SiteId);
        Series = [.. points.GroupBy(p => p.SiteId)
            .Where(g => names.ContainsKey(g.Key))
            .Select(g =>
            {
                var site = names[g.Key];
                var rates = g.OrderBy(p => p.Month)
                    .Select(p => site.CountsOn(p.Month) ? NetworkKpis.Rate(p.OfficesOccupied, p.OfficesTotal) : null)
                    .ToList();
                return new SiteSeries(site.Slug, site.Name, rates);
            })
            .Where(s => s.Rates.Any(r => r is not null))];
    }

    public static string MonthLabel(DateOnly month) => month.ToString("MM/yyyy", CultureInfo.InvariantCulture);

    public sealed record SiteSeries(string Slug, string Name, IReadOnlyList<decimal?> Rates);
}
