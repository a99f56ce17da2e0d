using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Network;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// /hq/export/kpis.csv?on=&amp;figures=: the KPIs with their basis, coverage (companies covered, of the population), the
/// declarations counted (validated or declared) and definition, as a French Excel CSV (attachment).
/// </summary>
public sealed class ExportKpisModel(HqReports reports, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? on, string? figures, CancellationToken cancellationToken)
    {
        var day = reports.Day(on);
        var mode = HqReports.Mode(figures);
        var kpis = await reports.KpisAsync(day, mode, cancellationToken);
        var iso = Display.Iso(day);
        var modeName = l[$"Kpi.Mode.{mode}"].Value;
        var bytes = CsvExport.InFrench(() => CsvExport.Write(
            [l["Export.Col.Day"], l["Export.Col.Kpi"], l["Export.Col.Value"], l["Export.Col.Unit"], l["Export.Col.Numerator"], l["Export.Col.Denominator"],
                l["Kpi.Export.Col.Covered"], l["Kpi.Export.Col.Population"], l["Kpi.Export.Col.Mode"], l["Export.Col.Definition"]],
            kpis.Select(k => (IReadOnlyList<object?>)[iso, l[$"Kpi.{k.Key}.Name"].Value, k.Value, l[$"Export.Unit.{k.Unit}"].Value, k.Numerator, k.Denominator,
                k.Coverage?.Covered, k.Coverage?.Population, k.Coverage is null ? null : modeName, l[$"Kpi.{k.Key}.Definition"].Value])));
        var suffix = mode == FiguresMode.Validated ? string.Empty : $"-{ReportedFigures.KeyOf(mode)}";
        return File(bytes, CsvExport.ContentType, $"indicateurs-{iso}{suffix}.csv");
    }
}
