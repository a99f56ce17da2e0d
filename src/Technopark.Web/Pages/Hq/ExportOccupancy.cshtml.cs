using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Network;
using Technopark.Domain.Sites;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Hq;

/// <summary>/hq/export/occupancy.csv?on=: the dashboard's occupancy table as a French Excel CSV (attachment).</summary>
public sealed class ExportOccupancyModel(HqReports reports, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? on, CancellationToken cancellationToken)
    {
        var day = reports.Day(on);
        var sites = await reports.SitesOnAsync(day, cancellationToken);
        var network = HqReports.Network(sites);
        var bytes = CsvExport.InFrench(() =>
        {
            string[] headers = [l["Export.Col.Day"], l["Export.Col.Site"], l["Export.Col.Status"], l["Export.Col.OfficesTotal"], l["Export.Col.OfficesOccupied"],
                l["Export.Col.Rate"], l["Export.Col.OfficesFree"], l["Export.Col.SeatsTotal"], l["Export.Col.SeatsOccupied"], l["Export.Col.EndingSoon"], l["Export.Col.Waiting"]];
            var rows = sites.Select(s => (IReadOnlyList<object?>)[Display.Iso(day), s.Name, l.Name(Enum.Parse<SiteStatus>(s.Status)), s.OfficesTotal, s.OfficesOccupied,
                NetworkKpis.Rate(s.OfficesOccupied, s.OfficesTotal), s.OfficesFree, s.SeatsTotal, s.SeatsOccupied, s.EndingSoon, s.Waiting]).ToList();
            rows.Add([Display.Iso(day), l["Hq.NetworkTotal"].Value, string.Empty, network.OfficesTotal, network.OfficesOccupied, network.OfficeRate,
                network.OfficesFree, network.SeatsTotal, network.SeatsOccupied, network.EndingSoon, network.Waiting]);
            return CsvExport.Write(headers, rows);
        });
        return File(bytes, CsvExport.ContentType, $"occupation-{Display.Iso(day)}.csv");
    }

}
