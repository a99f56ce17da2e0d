using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// /hq/billing/payments.csv?from=&amp;to=: the payments received in the range, one row per allocation to an invoice (whenever it
/// was applied: on receipt or when the credit was used later) and one row for what is still unallocated today (the company's
/// credit, no invoice); the applied amounts of a payment sum to its amount. Streamed: any number of rows.
/// </summary>
public sealed class ExportBillingPaymentsModel(TechnoparkDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public IActionResult OnGet(string? from, string? to)
    {
        if (BillingExportRange.Read(from, to, clock.Today(), out _) is not { } range)
        {
            return RedirectToPage("/Hq/Billing", new { from, to });
        }

        var headers = CsvExport.InFrench(() => (IReadOnlyList<string>)[l["BillingHq.Col.ReceivedOn"], l["BillingHq.Col.Site"], l["BillingHq.Col.Company"],
            l["BillingHq.Col.Method"], l["BillingHq.Col.Reference"], l["BillingHq.Col.PaymentAmount"], l["BillingHq.Col.Invoice"],
            l["BillingHq.Col.Applied"], l["BillingHq.Col.AppliedOn"]]);
        return new CsvStreamResult($"paiements-{range.FileSuffix}.csv", (body, cancellationToken) => CsvExport.WriteAsync(body, headers, Rows(range), cancellationToken));
    }

    private async IAsyncEnumerable<IReadOnlyList<object?>> Rows(BillingExportRange range)
    {
        var allocations = from p in db.Payments.AsNoTracking()
                          join s in db.Sites on p.SiteId equals s.Id
                          join c in db.Companies on p.CompanyId equals c.Id
                          where p.ReceivedOn >= range.From && p.ReceivedOn <= range.To
                          from a in p.Allocations.DefaultIfEmpty()
                          orderby p.ReceivedOn, p.Id, a.AppliedOn, a.Id
                          select new
                          {
                              p.Id,
                              p.ReceivedOn,
                              Site = s.Name,
                              Company = c.LegalName,
                              p.Method,
                              p.Reference,
                              p.Amount,
                              Applied = (decimal?)a.Amount,
                              AppliedOn = (DateOnly?)a.AppliedOn,
                              Invoice = db.Invoices.Where(i => i.Id == a.InvoiceId).Select(i => i.Number).FirstOrDefault(),
                          };
        object?[]? remainder = null;
        var left = 0m;
        long? current = null;
        await foreach (var row in allocations.AsAsyncEnumerable())
        {
            var payment = new object?[] { Display.Iso(row.ReceivedOn), row.Site, row.Company, l.Name(row.Method), row.Reference, CsvExport.Amount(row.Amount) };
            if (row.Id != current)
            {
                if (left > 0)
                {
                    yield return [.. remainder!, null, CsvExport.Amount(left), null];
                }

                (current, remainder, left) = (row.Id, payment, row.Amount);
            }

            if (row.Applied is { } applied)
            {
                left -= applied;
                yield return [.. payment, row.Invoice, CsvExport.Amount(applied), Display.Iso(row.AppliedOn!.Value)];
            }
        }

        if (left > 0)
        {
            yield return [.. remainder!, null, CsvExport.Amount(left), null];
        }
    }
}
