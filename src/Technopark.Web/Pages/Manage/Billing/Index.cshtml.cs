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
/// The monthly run of a site (managers; HQ reads): the month's drafts with their lines and totals, the run that drafts them from the
/// stays and rooms (<see cref="BillingRun"/>), services added to a company's draft, and issuing all or some drafts after a
/// confirmation step (<see cref="Invoicing.IssueAsync"/>), which leads to the month's invoices.
/// </summary>
public sealed class IndexModel(
    TechnoparkDbContext db,
    BillingRun run,
    Invoicing invoicing,
    IValidator<ServiceInput> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : BillingPageModel
{
    [BindProperty]
    public ServiceInput Input { get; set; } = new();

    public BillingMonth Month { get; private set; }

    /// <summary>A month was asked that cannot be shown: the page shows the default month with a message.</summary>
    public bool Rejected { get; private set; }

    public IReadOnlyList<DraftView> Drafts { get; private set; } = [];

    /// <summary>Invoices of the month already issued.</summary>
    public int IssuedCount { get; private set; }

    public IReadOnlyList<CompanyOption> Companies { get; private set; } = [];

    /// <summary>The confirmation step: the drafts about to be issued (null when not confirming).</summary>
    public IReadOnlyList<DraftView>? ToIssue { get; private set; }

    public async Task OnGetAsync(string? month, CancellationToken cancellationToken) => await LoadAsync(month, cancellationToken);

    /// <summary>The confirmation step before issuing: every draft with something to bill, or the checked ones (<paramref name="selected"/>).</summary>
    public async Task OnGetConfirmAsync(string? month, long[]? invoiceIds, bool selected, CancellationToken cancellationToken)
    {
        await LoadAsync(month, cancellationToken);
        if (IsHqReadOnly || Rejected)
        {
            return;
        }

        ToIssue = [.. Drafts.Where(d => d.TotalInclVat > 0 && (!selected || (invoiceIds ?? []).Contains(d.Id)))];
        if (ToIssue.Count == 0)
        {
            ModelState.AddModelError(string.Empty, text[selected ? "BillingRun.NoneSelected" : "BillingRun.NothingToIssue"]);
            ToIssue = null;
        }
    }

    /// <summary>Drafts the month from the stays and rooms as they are now (again: nothing twice), then shows what the run did.</summary>
    public async Task<IActionResult> OnPostRunAsync(string? month, CancellationToken cancellationToken)
    {
        if (InvoicePages.ParseMonth(month) is not { } asked)
        {
            return await InvalidMonthAsync(month, cancellationToken);
        }

        RunResult result;
        try
        {
            result = await run.RunAsync(Site.SiteId, asked, cancellationToken);
        }
        catch (DomainException e) when (e is not NotFoundException)
        {
            await LoadAsync(month, cancellationToken);
            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }

        TempData["Status"] = text["BillingRun.RunDone", Display.Count(result.Created), Display.Count(result.Updated), Display.Count(result.Unchanged),
            Display.Count(result.Removed)].Value;
        return RedirectToPage(new { slug = Site.Slug, month = asked.ToString() });
    }

    /// <summary>Issues the confirmed drafts of the month (all when no id is given) and leads to the month's invoices.</summary>
    public async Task<IActionResult> OnPostIssueAsync(string? month, long[]? invoiceIds, CancellationToken cancellationToken)
    {
        if (InvoicePages.ParseMonth(month) is not { } asked || !ModelState.IsValid)
        {
            return await InvalidMonthAsync(month, cancellationToken);
        }

        try
        {
            var numbers = await invoicing.IssueAsync(Site.SiteId, asked, invoiceIds is { Length: > 0 } ? invoiceIds : null,
                User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
            if (numbers.Count == 0)
            {
                TempData["Status"] = text["BillingRun.NothingToIssue"].Value;
                return RedirectToPage(new { slug = Site.Slug, month = asked.ToString() });
            }

            TempData["Status"] = (numbers.Count == 1 ? text["BillingRun.IssuedOne", numbers[0]]
                : text["BillingRun.Issued", Display.Count(numbers.Count), numbers[0], numbers[^1]]).Value;
            return RedirectToPage("/Manage/Billing/Invoices", new { slug = Site.Slug, month = asked.ToString() });
        }
        catch (DomainException e) when (e is not NotFoundException)
        {
            await LoadAsync(month, cancellationToken);
            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }
    }

    /// <summary>Adds a one-off service to a company's draft of the month (drafting it when there is none).</summary>
    public async Task<IActionResult> OnPostServiceAsync(string? month, CancellationToken cancellationToken)
    {
        var asked = InvoicePages.ParseMonth(month);
        if (asked is null)
        {
            ModelState.AddModelError("Month", text["BillingRun.MonthInvalid"]);
        }

        if (Input.CompanyId <= 0)
        {
            ModelState.AddModelError("Input.CompanyId", text["BillingRun.CompanyRequired"]);
        }

        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken) && asked is { } valid)
        {
            try
            {
                await invoicing.AddServiceAsync(Site.SiteId, Input.CompanyId, valid, Input.Label!, Input.QuantityValue, Input.UnitPriceValue, cancellationToken);
                TempData["Status"] = text["BillingInvoice.ServiceAdded"].Value;
                return RedirectToPage(new { slug = Site.Slug, month = valid.ToString() });
            }
            catch (NotFoundException)
            {
                ModelState.AddModelError("Input.CompanyId", text["BillingRun.CompanyRequired"]);
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(InvoicePages.Field(e), text.Message(e));
            }
        }

        await LoadAsync(month, cancellationToken);
        return Page();
    }

    private async Task<IActionResult> InvalidMonthAsync(string? month, CancellationToken cancellationToken)
    {
        await LoadAsync(month, cancellationToken);
        ModelState.AddModelError("Month", text["BillingRun.MonthInvalid"]);
        return Page();
    }

    /// <summary>The month asked (else the month before the site's today), its drafts with their lines, what is issued of it, the site's companies.</summary>
    private async Task LoadAsync(string? month, CancellationToken cancellationToken)
    {
        var asked = InvoicePages.ParseMonth(month);
        Rejected = asked is null && !string.IsNullOrEmpty(month);
        Month = asked ?? BillingMonth.Of(clock.Today()).Previous;
        var (siteId, year, number) = (Site.SiteId, Month.Year, Month.Month);
        var drafts = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.SiteId == siteId && i.Year == year && i.Month == number && i.Status == InvoiceStatus.Draft)
            .ToListAsync(cancellationToken);
        var companies = await db.Companies.AsNoTracking()
            .Where(c => c.SiteId == siteId && (c.ExitedOn == null || c.ExitedOn >= Month.First || db.Invoices.Any(i => i.CompanyId == c.Id
                && i.Year == year && i.Month == number)))
            .OrderBy(c => c.LegalName)
            .Select(c => new CompanyOption(c.Id, c.LegalName))
            .ToListAsync(cancellationToken);
        var names = companies.ToDictionary(c => c.Id, c => c.Name);
        Drafts = [.. drafts.Select(d => new DraftView(d.Id, d.CompanyId, names.GetValueOrDefault(d.CompanyId, "?"), InvoicePages.Lines(text, d.Lines),
                d.TotalExclVat, d.TotalVat, d.TotalInclVat))
            .OrderBy(d => d.Company, StringComparer.CurrentCulture).ThenBy(d => d.Id)];
        IssuedCount = await db.Invoices.CountAsync(i => i.SiteId == siteId && i.Year == year && i.Month == number && i.Status == InvoiceStatus.Issued,
            cancellationToken);
        Companies = IsHqReadOnly ? [] : companies;
    }

    public sealed record CompanyOption(int Id, string Name);

    /// <summary>A company's draft of the month as the preview shows it.</summary>
    public sealed record DraftView(long Id, int CompanyId, string Company, IReadOnlyList<LineView> Lines, decimal TotalExclVat, decimal TotalVat,
        decimal TotalInclVat);
}
