using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Billing;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// /hq/billing/invoices.csv?from=&amp;to=: for the accounting software, one row per invoice issued in the range, then one per
/// credit note issued in it (its amounts negative, so that the TTC column sums to what was billed; the credited invoice's number
/// in the last column). The company as invoiced (name and ICE copied at issue). Streamed: any number of rows.
/// </summary>
public sealed class ExportBillingInvoicesModel(TechnoparkDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public IActionResult OnGet(string? from, string? to)
    {
        if (BillingExportRange.Read(from, to, clock.Today(), out _) is not { } range)
        {
            return RedirectToPage("/Hq/Billing", new { from, to });
        }

        var headers = CsvExport.InFrench(() => (IReadOnlyList<string>)[l["BillingHq.Col.Site"], l["BillingHq.Col.Number"], l["BillingHq.Col.Type"],
            l["BillingHq.Col.Date"], l["BillingHq.Col.DueOn"], l["BillingHq.Col.Company"], l["BillingHq.Col.Ice"], l["BillingHq.Col.MonthBilled"],
            l["BillingHq.Col.ExclVat"], l["BillingHq.Col.Vat"], l["BillingHq.Col.InclVat"], l["BillingHq.Col.CreditedInvoice"]]);
        return new CsvStreamResult($"factures-{range.FileSuffix}.csv", (body, cancellationToken) => CsvExport.WriteAsync(body, headers, Rows(range), cancellationToken));
    }

    private async IAsyncEnumerable<IReadOnlyList<object?>> Rows(BillingExportRange range)
    {
        var invoices = from i in db.Invoices.AsNoTracking()
                       join s in db.Sites on i.SiteId equals s.Id
                       where i.Status == InvoiceStatus.Issued && i.IssuedOn >= range.From && i.IssuedOn <= range.To
                       orderby i.IssuedOn, i.Number
                       select new { Site = s.Name, i.Number, i.IssuedOn, i.DueOn, i.CompanyName, i.CompanyIce, i.Year, i.Month, i.TotalExclVat, i.TotalVat, i.TotalInclVat };
        var invoiceType = l["BillingHq.Type.Invoice"].Value;
        await foreach (var i in invoices.AsAsyncEnumerable())
        {
            yield return [i.Site, i.Number, invoiceType, Display.Iso(i.IssuedOn!.Value), Display.Iso(i.DueOn!.Value), i.CompanyName, i.CompanyIce,
                new BillingMonth(i.Year, i.Month).ToString(), CsvExport.Amount(i.TotalExclVat), CsvExport.Amount(i.TotalVat), CsvExport.Amount(i.TotalInclVat), null];
        }

        var notes = from c in db.CreditNotes.AsNoTracking()
                    join i in db.Invoices on c.InvoiceId equals i.Id
                    join s in db.Sites on c.SiteId equals s.Id
                    where c.IssuedOn >= range.From && c.IssuedOn <= range.To
                    orderby c.IssuedOn, c.Number
                    select new { Site = s.Name, c.Number, c.IssuedOn, i.CompanyName, i.CompanyIce, i.Year, i.Month, c.TotalExclVat, c.TotalVat, c.TotalInclVat, Credited = i.Number };
        var noteType = l["BillingHq.Type.CreditNote"].Value;
        await foreach (var c in notes.AsAsyncEnumerable())
        {
            yield return [c.Site, c.Number, noteType, Display.Iso(c.IssuedOn), null, c.CompanyName, c.CompanyIce, new BillingMonth(c.Year, c.Month).ToString(),
                CsvExport.Amount(-c.TotalExclVat), CsvExport.Amount(-c.TotalVat), CsvExport.Amount(-c.TotalInclVat), c.Credited];
        }
    }
}
