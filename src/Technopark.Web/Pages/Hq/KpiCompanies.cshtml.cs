using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Domain.Network;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// The companies behind one KPI figure on a day, with their latest counted figures in the mode asked for and whether they
/// count in the figure (one SQL statement, at most <see cref="NetworkQueries.DrillDownLimit"/> listed).
/// </summary>
public sealed class KpiCompaniesModel(HqReports reports, NetworkQueries queries) : PageModel
{
    public DateOnly On { get; private set; }

    public FiguresMode Mode { get; private set; }

    public string Kpi { get; private set; } = string.Empty;

    public IReadOnlyList<KpiCompany> Companies { get; private set; } = [];

    public int Total => Companies.Count == 0 ? 0 : Companies[0].Total;

    public async Task<IActionResult> OnGetAsync(string kpi, string? on, string? figures, CancellationToken cancellationToken)
    {
        if (!NetworkQueries.DrillDownKinds.Contains(kpi))
        {
            return NotFound();
        }

        Kpi = kpi;
        On = reports.Day(on);
        Mode = HqReports.Mode(figures);
        Companies = await queries.CompaniesBehindAsync(kpi, On, Mode, cancellationToken);
        return Page();
    }
}
