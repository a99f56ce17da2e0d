using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// A company's account with the site: what it owes today (open invoices less its credit), its invoices and credit notes, its payments
/// and where they went; its credit used on an open invoice after a confirmation.
/// </summary>
public sealed class AccountModel(
    TechnoparkDbContext db,
    Receivables receivables,
    PaymentService payments,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : BillingPageModel
{
    public string CompanyName { get; private set; } = string.Empty;

    public int CompanyId { get; private set; }

    public DateOnly Today { get; private set; }

    public decimal Credit { get; private set; }

    public decimal OpenTotal => Invoices.Sum(i => Math.Max(0, i.Invoice.Open));

    /// <summary>What the company owes today: its open invoices less its credit (negative: the site owes it).</summary>
    public decimal Balance => OpenTotal - Credit;

    public IReadOnlyList<InvoiceLineItem> Invoices { get; private set; } = [];

    public IReadOnlyList<CreditNoteItem> CreditNotes { get; private set; } = [];

    public IReadOnlyList<PaymentItem> Payments { get; private set; } = [];

    [BindProperty]
    public CreditInput Use { get; set; } = new();

    /// <summary>Set when the use of credit waits for confirmation: the invoice and the amount.</summary>
    public (InvoiceOnDay Invoice, decimal Amount)? ToConfirm { get; private set; }

    public async Task<IActionResult> OnGetAsync(int companyId, CancellationToken cancellationToken) =>
        await LoadAsync(companyId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUseCreditAsync(int companyId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(companyId, cancellationToken))
        {
            return NotFound();
        }

        var invoice = Invoices.Select(i => i.Invoice).FirstOrDefault(i => i.InvoiceId == Use.InvoiceId);
        if (invoice is null)
        {
            return NotFound();
        }

        var error = NumberInput.TryParse(Use.Amount, CultureInfo.CurrentCulture, 2, Money.MaxAmount, out var amount);
        if (error != NumberInputError.None)
        {
            ModelState.AddModelError($"{nameof(Use)}.{nameof(Use.Amount)}",
                text[NumberInput.Code(error), 2, Money.MaxAmount.ToString("#,##0", Display.Numbers), NumberInput.Example(CultureInfo.CurrentCulture, 2)]);
            return Page();
        }

        if (!Use.Confirmed)
        {
            ToConfirm = (invoice, amount);
            return Page();
        }

        try
        {
            await payments.UseCreditAsync(Site.SiteId, companyId, invoice.InvoiceId, amount, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
            TempData["Status"] = text["BillingPay.CreditUsed", text.Money(amount), invoice.Number].Value;
            return RedirectToPage(new { slug = Site.Slug, companyId });
        }
        catch (DomainException e) when (e is not NotFoundException)
        {
            ModelState.AddModelError($"{nameof(Use)}.{nameof(Use.Amount)}", text.Message(e));
            return Page();
        }
    }

    /// <summary>The amount a "use credit" form starts with: all the credit, at most what is open on the invoice.</summary>
    public string DefaultUse(InvoiceOnDay invoice) => MoneyInput.Format(Math.Min(Credit, invoice.Open));

    private async Task<bool> LoadAsync(int companyId, CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        var name = await db.Companies.AsNoTracking().Where(c => c.Id == companyId && c.SiteId == siteId).Select(c => c.LegalName).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return false;
        }

        (CompanyName, CompanyId, Today) = (name, companyId, clock.Today());
        var today = Today;
        Credit = (await receivables.CreditsAsync(siteId, today, cancellationToken)).GetValueOrDefault(companyId);
        Invoices = [.. (await receivables.OnDay(siteId, today).Where(i => i.CompanyId == companyId).OrderByDescending(i => i.IssuedOn).ThenByDescending(i => i.Number)
                .ToListAsync(cancellationToken))
            .Select(i => new InvoiceLineItem(i, InvoiceStates.Of(true, i.Total, i.Credited, i.Paid, i.DueOn, today)))];
        CreditNotes = await db.CreditNotes.AsNoTracking().Where(n => n.SiteId == siteId && n.CompanyId == companyId).OrderByDescending(n => n.IssuedOn)
            .Join(db.Invoices, n => n.InvoiceId, i => i.Id, (n, i) => new CreditNoteItem(n.Id, n.Number, n.IssuedOn, n.InvoiceId, i.Number!, n.TotalInclVat, n.Reason))
            .ToListAsync(cancellationToken);
        var rows = await db.Payments.AsNoTracking().Where(p => p.SiteId == siteId && p.CompanyId == companyId)
            .OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.ReceivedOn,
                p.Method,
                p.Reference,
                p.Amount,
                Allocations = db.PaymentAllocations.Where(a => a.PaymentId == p.Id).OrderBy(a => a.AppliedOn).ThenBy(a => a.Id)
                    .Join(db.Invoices, a => a.InvoiceId, i => i.Id, (a, i) => new AllocationItem(a.InvoiceId, i.Number!, a.Amount, a.AppliedOn)).ToList(),
            })
            .ToListAsync(cancellationToken);
        Payments = [.. rows.Select(p => new PaymentItem(p.Id, p.ReceivedOn, p.Method, p.Reference, p.Amount, p.Allocations))];
        return true;
    }

    public sealed record InvoiceLineItem(InvoiceOnDay Invoice, InvoiceState State);

    public sealed record CreditNoteItem(long Id, string Number, DateOnly IssuedOn, long InvoiceId, string InvoiceNumber, decimal Total, string Reason);

    public sealed record AllocationItem(long InvoiceId, string Number, decimal Amount, DateOnly AppliedOn);

    public sealed record PaymentItem(long Id, DateOnly ReceivedOn, PaymentMethod Method, string? Reference, decimal Amount, IReadOnlyList<AllocationItem> Allocations)
    {
        public decimal Unallocated => Amount - Allocations.Sum(a => a.Amount);
    }

    public sealed class CreditInput
    {
        public long InvoiceId { get; set; }

        public string? Amount { get; set; }

        public bool Confirmed { get; set; }
    }
}
