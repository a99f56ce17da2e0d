using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Web.Pages.Programmes;

namespace Technopark.Web.Pages.Hq;

/// <summary>What every site's programmes deliver on a day (?on=): per site and programme, the figures of the site's page, loaded for all sites at once.</summary>
public sealed class ProgrammesModel(ProgrammeFiguresReader reader, HqReports reports) : PageModel
{
    public DateOnly On { get; private set; }

    public IReadOnlyList<SiteProgrammeFigures> Sites { get; private set; } = [];

    public async Task OnGetAsync(string? on, CancellationToken cancellationToken)
    {
        On = reports.Day(on);
        Sites = await reader.ReadAsync(null, On, cancellationToken);
    }
}
