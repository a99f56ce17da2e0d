using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Companies;

namespace Technopark.Web.Pages.Manage.Companies;

/// <summary>
/// A company of the site: its facts, every assignment it had (transfers included) with who changed what, its documents from
/// the site and its thread with the site's team (the company pages' partials; their forms post to the company pages), and its
/// billing address, which the site's managers keep too (audited as when members change it on the profile).
/// </summary>
public sealed class DetailModel(TechnoparkDbContext db, History history, CompanyThread thread, AuditTrail audit, IStringLocalizer<SharedResource> text,
    TimeProvider clock)
    : SitePageModel
{
    public Company Company { get; private set; } = null!;

    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];

    public IReadOnlyList<AuditRow> Changes { get; private set; } = [];

    public CompanyDocumentsView Documents { get; private set; } = null!;

    public CompanyThreadView Thread { get; private set; } = null!;

    /// <summary>The site's managers edit the billing address here (<see cref="CompanyAccess.CanActAsSite"/>).</summary>
    public bool CanEditBillingAddress { get; private set; }

    [BindProperty]
    public string? BillingAddress { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        BillingAddress = Company.BillingAddress;
        return Page();
    }

    public async Task<IActionResult> OnPostBillingAddressAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!CanEditBillingAddress)
        {
            return Forbid();
        }

        var company = await db.Companies.SingleAsync(c => c.Id == id && c.SiteId == Site.SiteId, cancellationToken);
        var before = company.BillingAddress;
        try
        {
            company.SetBillingAddress(BillingAddress);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(BillingAddress), text.Message(e));
            return Page();
        }

        audit.Record("company.profile.updated", nameof(Company), company.Id, company.SiteId, new { billingAddress = before },
            new { billingAddress = company.BillingAddress });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = text["CompanyInvoices.BillingAddressSaved"].Value;
        return RedirectToPage(new { slug = Site.Slug, id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.SiteId == Site.SiteId, cancellationToken);
        if (company is null)
        {
            return false;
        }

        Company = company;
        Assignments = await history.AssignmentsAsync(Site.SiteId, null, id, cancellationToken);
        Changes = await history.AuditAsync(Site.SiteId, nameof(Assignment), Assignments.Select(s => s.Id), cancellationToken);

        // Who may upload or write here is the company pages' rule (their handlers check it again): the site's managers.
        var resource = (await CompanyAccessReader.FindAsync(db, id, cancellationToken))!;
        var access = await CompanyAccessReader.ReadAsync(db, User, resource, SiteTime.DayOf(clock.GetUtcNow()), cancellationToken);
        CanEditBillingAddress = access.CanActAsSite;
        Documents = new CompanyDocumentsView(id, await thread.DocumentsAsync(id, cancellationToken), access.CanActAsSite, true, CompanyDocumentKind.HostingAgreement,
            TempData[CompanyThread.UploadErrorKey] as string);
        Thread = new CompanyThreadView(id, await thread.MessagesAsync(id, cancellationToken), access.CanWriteMessages, false, true,
            TempData[CompanyThread.BodyKey] as string, TempData[CompanyThread.BodyErrorKey] as string);
        return true;
    }
}
