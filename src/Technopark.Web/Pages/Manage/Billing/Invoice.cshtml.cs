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
/// One invoice of the site: header (the company as it is now for a draft, as invoiced once issued), lines, totals, state on the site's
/// today, payments applied and its credit note. A draft takes services, loses them and is issued (each after a confirmation); an issued
/// invoice with nothing paid is cancelled by a credit note (reason, then confirmation). Another site's invoice is a 404.
/// </summary>
public sealed class InvoiceModel(
    TechnoparkDbContext db,
    Invoicing invoicing,
    Receivables receivables,
    IValidator<ServiceInput> serviceValidator,
    IValidator<InvoiceModel.InputModel> creditValidator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : BillingPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public InvoiceView Invoice { get; private set; } = null!;

    public IReadOnlyList<LineView> Lines { get; private set; } = [];

    public IReadOnlyList<AllocationView> Payments { get; private set; } = [];

    public NoteView? CreditNote { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The confirmation shown: "issue", "remove" (with <see cref="LineToRemove"/>) or "credit"; null for none.</summary>
    public string? Confirming { get; private set; }

    public LineView? LineToRemove { get; private set; }

    public bool CanEdit => !IsHqReadOnly && Invoice.IsDraft;

    /// <summary>An issued invoice nothing cancelled and nothing paid: a credit note may cancel it.</summary>
    public bool CanCredit => !IsHqReadOnly && !Invoice.IsDraft && CreditNote is null && Invoice.Paid == 0;

    public async Task<IActionResult> OnGetAsync(long id, string? confirm, long? lineId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (CanEdit && confirm == "issue")
        {
            Confirming = confirm;
        }
        else if (CanEdit && confirm == "remove" && Lines.FirstOrDefault(l => l.Id == lineId && l.IsService) is { } line)
        {
            (Confirming, LineToRemove) = (confirm, line);
        }

        return Page();
    }

    /// <summary>Adds a service to this draft.</summary>
    public async Task<IActionResult> OnPostServiceAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Invoice.IsDraft)
        {
            ModelState.AddModelError(string.Empty, text["Billing.InvoiceIssued", Invoice.Number ?? string.Empty]);
        }
        else if (await serviceValidator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                await invoicing.AddServiceAsync(Site.SiteId, Invoice.CompanyId, Invoice.Month, Input.Label!, Input.QuantityValue, Input.UnitPriceValue,
                    cancellationToken);
                TempData["Status"] = text["BillingInvoice.ServiceAdded"].Value;
                return RedirectToPage(new { slug = Site.Slug, id });
            }
            catch (DomainException e) when (e is not NotFoundException)
            {
                ModelState.AddModelError(InvoicePages.Field(e), text.Message(e));
            }
        }

        return Page();
    }

    /// <summary>Removes a service from this draft (the draft goes when nothing is left: back to the month's run).</summary>
    public async Task<IActionResult> OnPostRemoveAsync(long id, long lineId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await invoicing.RemoveServiceAsync(Site.SiteId, id, lineId, cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }

        TempData["Status"] = text["BillingInvoice.ServiceRemoved"].Value;
        return await db.Invoices.AnyAsync(i => i.Id == id, cancellationToken)
            ? RedirectToPage(new { slug = Site.Slug, id })
            : RedirectToPage("/Manage/Billing/Index", new { slug = Site.Slug, month = Invoice.Month.ToString() });
    }

    /// <summary>Issues this draft alone (numbered in the site's series of the year).</summary>
    public async Task<IActionResult> OnPostIssueAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var numbers = await invoicing.IssueAsync(Site.SiteId, Invoice.Month, [id], User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
            if (numbers.Count == 0)
            {
                ModelState.AddModelError(string.Empty, text[Invoice.IsDraft ? "BillingRun.NothingToIssue" : "Billing.InvoiceIssued", Invoice.Number ?? string.Empty]);
                return Page();
            }

            TempData["Status"] = text["BillingRun.IssuedOne", numbers[0]].Value;
            return RedirectToPage(new { slug = Site.Slug, id });
        }
        catch (DomainException e) when (e is not NotFoundException)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }
    }

    /// <summary>The credit note's reason is read; the page asks to confirm.</summary>
    public async Task<IActionResult> OnPostCreditReviewAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (CanCredit && await creditValidator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            Confirming = "credit";
        }

        return Page();
    }

    /// <summary>Cancels this invoice with a credit note of the site's series.</summary>
    public async Task<IActionResult> OnPostCreditAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await creditValidator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                var note = await invoicing.CreditAsync(Site.SiteId, id, Input.Reason!, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
                TempData["Status"] = text["BillingInvoice.CreditDone", note.Number, Invoice.Number ?? string.Empty].Value;
                return RedirectToPage(new { slug = Site.Slug, id });
            }
            catch (DomainException e) when (e is not NotFoundException)
            {
                ModelState.AddModelError(InvoicePages.Field(e), text.Message(e));
            }
        }

        return Page();
    }

    /// <summary>The invoice of this site with its lines, figures on the site's today, payments and credit note; false when the site has no such invoice.</summary>
    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id && i.SiteId == siteId, cancellationToken);
        if (invoice is null)
        {
            return false;
        }

        Today = clock.Today();
        var today = Today;
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == invoice.CompanyId)
            .Select(c => new { c.LegalName, c.Ice, c.BillingAddress }).SingleAsync(cancellationToken);
        var figures = await receivables.OnDay(siteId, today).Where(r => r.InvoiceId == id)
            .Select(r => new { r.Credited, r.Paid }).SingleOrDefaultAsync(cancellationToken);
        var (credited, paid) = (figures?.Credited ?? 0, figures?.Paid ?? 0);
        Invoice = new InvoiceView(invoice.Id, invoice.Number, invoice.CompanyId, invoice.BillingMonth, invoice.Status == InvoiceStatus.Draft,
            invoice.IsIssued ? invoice.CompanyName! : company.LegalName, invoice.IsIssued ? invoice.CompanyIce : company.Ice,
            invoice.IsIssued ? invoice.CompanyAddress : company.BillingAddress, invoice.IssuedOn, invoice.DueOn,
            invoice.TotalExclVat, invoice.TotalVat, invoice.TotalInclVat, credited, paid,
            invoice.IsIssued ? Aging.Open(invoice.TotalInclVat, credited, paid) : 0,
            InvoiceStates.Of(invoice.IsIssued, invoice.TotalInclVat, credited, paid, invoice.DueOn, today));
        Lines = InvoicePages.Lines(text, invoice.Lines);
        Payments = await (from a in db.PaymentAllocations.AsNoTracking()
                          where a.InvoiceId == id
                          join p in db.Payments on a.PaymentId equals p.Id
                          orderby a.AppliedOn, a.Id
                          select new AllocationView(p.Id, p.ReceivedOn, p.Method, p.Reference, a.AppliedOn, a.Amount))
            .ToListAsync(cancellationToken);
        CreditNote = await db.CreditNotes.AsNoTracking().Where(n => n.InvoiceId == id && n.SiteId == siteId)
            .Select(n => new NoteView(n.Id, n.Number, n.IssuedOn, n.Reason, n.TotalInclVat)).SingleOrDefaultAsync(cancellationToken);
        return true;
    }

    /// <summary>The service fields (<see cref="ServiceInput"/>) and a credit note's reason.</summary>
    public sealed class InputModel : ServiceInput
    {
        public string? Reason { get; set; }
    }

    /// <summary>A credit note needs a reason, within its length.</summary>
    public sealed class CreditValidator : AbstractValidator<InputModel>
    {
        public CreditValidator(IStringLocalizer<SharedResource> text) =>
            RuleFor(x => x.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= Domain.Billing.CreditNote.ReasonMaxLength)
                .WithMessage(text["Billing.CreditReasonRequired", Domain.Billing.CreditNote.ReasonMaxLength]);
    }

    /// <summary>The invoice as the page shows it; Open is 0 for a draft.</summary>
    public sealed record InvoiceView(long Id, string? Number, int CompanyId, BillingMonth Month, bool IsDraft, string Company, string? Ice, string? Address,
        DateOnly? IssuedOn, DateOnly? DueOn, decimal TotalExclVat, decimal TotalVat, decimal TotalInclVat, decimal Credited, decimal Paid, decimal Open,
        InvoiceState State);

    public sealed record AllocationView(long PaymentId, DateOnly ReceivedOn, PaymentMethod Method, string? Reference, DateOnly AppliedOn, decimal Amount);

    public sealed record NoteView(long Id, string Number, DateOnly IssuedOn, string Reason, decimal Total);
}
