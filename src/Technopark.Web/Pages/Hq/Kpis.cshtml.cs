using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Domain.Network;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// The network's KPIs on a day, each with its definition and, for the figures from the companies' declarations, their
/// coverage; validated declarations by default, every declared one with ?figures=declared (two SQL statements, cached per day and mode).
/// </summary>
public sealed class KpisModel(HqReports reports) : PageModel
{
    public DateOnly On { get; private set; }

    public FiguresMode Mode { get; private set; }

    public IReadOnlyList<Kpi> Kpis { get; private set; } = [];

    public async Task OnGetAsync(string? on, string? figures, CancellationToken cancellationToken)
    {
        On = reports.Day(on);
        Mode = HqReports.Mode(figures);
        Kpis = await reports.KpisAsync(On, Mode, cancellationToken);
    }
}
