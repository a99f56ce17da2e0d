using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Hq;

/// <summary>/hq/export/kpis.csv?on=: the KPIs with their basis and definition, as a French Excel CSV (attachment).</summary>
public sealed class ExportKpisModel(HqReports reports, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? on, CancellationToken cancellationToken)
    {
        var day = reports.Day(on);
        var kpis = await reports.KpisAsync(day, cancellationToken);
        var iso = Display.Iso(day);
        var bytes = CsvExport.InFrench(() => CsvExport.Write(
            [l["Export.Col.Day"], l["Export.Col.Kpi"], l["Export.Col.Value"], l["Export.Col.Unit"], l["Export.Col.Numerator"], l["Export.Col.Denominator"], l["Export.Col.Definition"]],
            kpis.Select(k => (IReadOnlyList<object?>)[iso, l[$"Kpi.{k.Key}.Name"].Value, k.Value, l[$"Export.Unit.{k.Unit}"].Value, k.Numerator, k.Denominator,
                l[$"Kpi.{k.Key}.Definition"].Value])));
        return File(bytes, CsvExport.ContentType, $"indicateurs-{iso}.csv");
    }
}
