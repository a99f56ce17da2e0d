using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Domain.Network;

namespace Technopark.Web.Pages.Hq;

/// <summary>The network's KPIs on a day, each with its definition, computed from the records (two SQL statements, cached per day).</summary>
public sealed class KpisModel(HqReports reports) : PageModel
{
    public DateOnly On { get; private set; }

    public IReadOnlyList<Kpi> Kpis { get; private set; } = [];

    public async Task OnGetAsync(string? on, CancellationToken cancellationToken)
    {
        On = reports.Day(on);
        Kpis = await reports.KpisAsync(On, cancellationToken);
    }
}
