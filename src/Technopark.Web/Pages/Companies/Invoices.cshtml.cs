using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Technopark.Domain.Billing;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// The company's account with its site, for those who read the company (members, alumni, its site's staff, HQ): its issued
/// invoices as they stand today (<see cref="Receivables.OnDay"/>, state from <see cref="InvoiceStates"/>), its credit notes,
/// the balance (what is open less the credit on account), how to pay, and the PDFs.
/// </summary>
public sealed class InvoicesModel(TechnoparkDbContext db, Receivables receivables, IOptions<BillingOptions> options, TimeProvider clock) : CompanyPageModel
{
    public DateOnly Today { get; private set; }

    public IReadOnlyList<InvoiceRow> Invoices { get; private set; } = [];

    public IReadOnlyList<CreditNoteRow> CreditNotes { get; private set; } = [];

    /// <summary>What payments received do not cover yet (over-payments), used by the site against the next invoices.</summary>
    public decimal Credit { get; private set; }

    public decimal Open => Invoices.Sum(i => i.Open);

    public decimal Overdue => Invoices.Where(i => i.State == InvoiceState.Overdue).Sum(i => i.Open);

    /// <summary>What the company still has to pay: open invoices less its credit on account.</summary>
    public decimal Balance => Open - Credit;

    public IssuerOptions Issuer => options.Value.Issuer;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today();
        var invoices = await receivables.OnDay(Company.SiteId, Today).Where(i => i.CompanyId == Company.CompanyId)
            .OrderByDescending(i => i.IssuedOn).ThenByDescending(i => i.InvoiceId)
            .ToListAsync(cancellationToken);
        var months = await db.Invoices.AsNoTracking().Where(i => i.CompanyId == Company.CompanyId && i.Status == InvoiceStatus.Issued)
            .Select(i => new { i.Id, i.Year, i.Month }).ToDictionaryAsync(i => i.Id, i => new BillingMonth(i.Year, i.Month), cancellationToken);
        Invoices = [.. invoices.Select(i => new InvoiceRow(i.InvoiceId, i.Number, months[i.InvoiceId], i.IssuedOn, i.DueOn, i.Total, i.Paid, i.Open,
            InvoiceStates.Of(true, i.Total, i.Credited, i.Paid, i.DueOn, Today)))];
        CreditNotes = await (from c in db.CreditNotes.AsNoTracking()
                             join i in db.Invoices on c.InvoiceId equals i.Id
                             where c.CompanyId == Company.CompanyId && c.IssuedOn <= Today
                             orderby c.IssuedOn descending, c.Id descending
                             select new CreditNoteRow(c.Id, c.Number, c.IssuedOn, i.Number!, c.Reason, c.TotalInclVat))
            .ToListAsync(cancellationToken);
        Credit = (await receivables.CreditsAsync(Company.SiteId, Today, cancellationToken)).GetValueOrDefault(Company.CompanyId);
    }

    public sealed record InvoiceRow(long Id, string Number, BillingMonth Month, DateOnly IssuedOn, DateOnly DueOn, decimal Total, decimal Paid, decimal Open,
        InvoiceState State);

    public sealed record CreditNoteRow(long Id, string Number, DateOnly IssuedOn, string InvoiceNumber, string Reason, decimal Total);
}
