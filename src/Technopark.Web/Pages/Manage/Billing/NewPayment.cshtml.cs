using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// Records money received from a company: its open invoices each with a share field (empty: the server applies the amount to the
/// oldest due first); what no invoice takes stays as the company's credit. Then the company's account.
/// </summary>
public sealed class NewPaymentModel(
    TechnoparkDbContext db,
    Receivables receivables,
    PaymentService payments,
    IValidator<PaymentInput> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : BillingPageModel
{
    [BindProperty]
    public PaymentInput Input { get; set; } = new();

    public IReadOnlyList<CompanyOption> Companies { get; private set; } = [];

    /// <summary>The company whose invoices the share fields were shown for (the company select may have changed since).</summary>
    [BindProperty]
    public int ShownCompanyId { get; set; }

    /// <summary>The chosen company's invoices open today, oldest due first.</summary>
    public IReadOnlyList<InvoiceOnDay> OpenInvoices { get; private set; } = [];

    /// <summary>"true" for a field with a message next to it (its <c>aria-invalid</c>), else nothing.</summary>
    public string? Invalid(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    public InvoiceOnDay? InvoiceOf(long invoiceId) => OpenInvoices.FirstOrDefault(i => i.InvoiceId == invoiceId);

    public async Task<IActionResult> OnGetAsync(int? companyId, long? invoiceId, CancellationToken cancellationToken)
    {
        InvoiceOnDay? invoice = null;
        if (invoiceId is { } id)
        {
            invoice = await receivables.OnDay(Site.SiteId, clock.Today()).SingleOrDefaultAsync(i => i.InvoiceId == id, cancellationToken);
            if (invoice is null || (companyId is { } c && c != invoice.CompanyId))
            {
                return NotFound();
            }
        }

        Input = new PaymentInput { CompanyId = invoice?.CompanyId ?? companyId ?? 0, ReceivedOn = clock.Today(), Method = PaymentMethod.Transfer };
        await LoadAsync(cancellationToken);
        ShowShares(invoice?.Open > 0 ? invoice.InvoiceId : null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ShownCompanyId != Input.CompanyId)
        {
            // Another company was chosen: its own invoices are shown; shares typed for the former one are never applied to it.
            if (Input.Shares.Any(s => !string.IsNullOrWhiteSpace(s.Amount)))
            {
                foreach (var key in ModelState.Keys.Where(k => k.StartsWith($"{nameof(Input)}.{nameof(Input.Shares)}", StringComparison.Ordinal)).ToList())
                {
                    ModelState.Remove(key);
                }

                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.CompanyId)}", text["BillingPay.CompanyChanged"]);
                await LoadAsync(cancellationToken);
                ShowShares(null);
                return Page();
            }

            Input.Shares = [];
        }

        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                var shares = Input.Shares.Select(s => new PaymentShare(s.InvoiceId, MoneyInput.Parse(s.Amount))).ToList();
                var done = await payments.RecordAsync(Site.SiteId, Input.CompanyId, Input.ReceivedOn!.Value, Input.Method!.Value, Input.Reference,
                    MoneyInput.Parse(Input.Amount), shares, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
                TempData["Status"] = text["BillingPay.Recorded", text.Money(done.Amount), text.Money(done.Applied), text.Money(done.Credit)].Value;
                return RedirectToPage("/Manage/Billing/Account", new { slug = Site.Slug, companyId = Input.CompanyId });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Field is null ? string.Empty : $"{nameof(Input)}.{e.Field}", text.Message(e));
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The site's companies with issued invoices or payments; the chosen company's invoices open today, oldest due first.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        Companies = await db.Companies.AsNoTracking()
            .Where(c => c.SiteId == siteId && (db.Invoices.Any(i => i.CompanyId == c.Id && i.Status == InvoiceStatus.Issued) || db.Payments.Any(p => p.CompanyId == c.Id)))
            .OrderBy(c => c.LegalName).Select(c => new CompanyOption(c.Id, c.LegalName)).ToListAsync(cancellationToken);
        var companyId = Input.CompanyId;
        OpenInvoices = await receivables.OpenOnDay(siteId, clock.Today()).Where(i => i.CompanyId == companyId)
            .OrderBy(i => i.DueOn).ThenBy(i => i.Number).ToListAsync(cancellationToken);
        ShownCompanyId = companyId;
        if (Input.Shares.Count == 0)
        {
            ShowShares(null);
        }
    }

    /// <summary>One empty share field per open invoice; <paramref name="prefilled"/>'s share and the amount get its open amount.</summary>
    private void ShowShares(long? prefilled)
    {
        Input.Shares = [.. OpenInvoices.Select(i => new PaymentInput.ShareInput
        {
            InvoiceId = i.InvoiceId,
            Amount = i.InvoiceId == prefilled ? MoneyInput.Format(i.Open) : null,
        })];
        if (InvoiceOf(prefilled ?? 0) is { } invoice)
        {
            Input.Amount = MoneyInput.Format(invoice.Open);
        }
    }

    public sealed record CompanyOption(int Id, string Name);
}
