using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Billing;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// /hq/billing/lines.csv?from=&amp;to=: one row per line of the invoices issued in the range (the line's text as on the invoice,
/// <see cref="BillingText"/>; its period with the last day included). Streamed: any number of rows.
/// </summary>
public sealed class ExportBillingLinesModel(TechnoparkDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public IActionResult OnGet(string? from, string? to)
    {
        if (BillingExportRange.Read(from, to, clock.Today(), out _) is not { } range)
        {
            return RedirectToPage("/Hq/Billing", new { from, to });
        }

        var headers = CsvExport.InFrench(() => (IReadOnlyList<string>)[l["BillingHq.Col.Number"], l["BillingHq.Col.Site"], l["BillingHq.Col.Company"],
            l["BillingHq.Col.Ice"], l["BillingHq.Col.Kind"], l["BillingHq.Col.Description"], l["BillingHq.Col.PeriodStart"], l["BillingHq.Col.PeriodEnd"],
            l["BillingHq.Col.Quantity"], l["BillingHq.Col.UnitPrice"], l["BillingHq.Col.ExclVat"], l["BillingHq.Col.VatPercent"], l["BillingHq.Col.Vat"],
            l["BillingHq.Col.InclVat"]]);
        return new CsvStreamResult($"lignes-{range.FileSuffix}.csv", (body, cancellationToken) => CsvExport.WriteAsync(body, headers, Rows(range), cancellationToken));
    }

    private async IAsyncEnumerable<IReadOnlyList<object?>> Rows(BillingExportRange range)
    {
        var lines = from line in db.InvoiceLines.AsNoTracking()
                    join i in db.Invoices on line.InvoiceId equals i.Id
                    join s in db.Sites on i.SiteId equals s.Id
                    where i.Status == InvoiceStatus.Issued && i.IssuedOn >= range.From && i.IssuedOn <= range.To
                    orderby i.IssuedOn, i.Number, line.Id
                    select new { i.Number, Site = s.Name, i.CompanyName, i.CompanyIce, Line = line };
        await foreach (var row in lines.AsAsyncEnumerable())
        {
            var line = row.Line;
            yield return [row.Number, row.Site, row.CompanyName, row.CompanyIce, l.Name(line.Kind), l.Describe(line),
                line.PeriodStart is { } start ? Display.Iso(start) : null, line.PeriodEnd is { } end ? Display.Iso(end.AddDays(-1)) : null,
                line.Quantity.ToString("0.##", CsvExport.French), CsvExport.Amount(line.UnitPrice), CsvExport.Amount(line.AmountExclVat),
                line.VatPercent.ToString("0.##", CsvExport.French), CsvExport.Amount(line.VatAmount), CsvExport.Amount(line.AmountInclVat)];
        }
    }
}
