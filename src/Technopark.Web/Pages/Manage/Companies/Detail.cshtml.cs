using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Companies;

namespace Technopark.Web.Pages.Manage.Companies;

/// <summary>
/// A company of the site: its facts, every assignment it had (transfers included) with who changed what, its documents from
/// the site and its thread with the site's team (the company pages' partials; their forms post to the company pages).
/// </summary>
public sealed class DetailModel(TechnoparkDbContext db, History history, CompanyThread thread) : SitePageModel
{
    public Company Company { get; private set; } = null!;

    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];

    public IReadOnlyList<AuditRow> Changes { get; private set; } = [];

    public CompanyDocumentsView Documents { get; private set; } = null!;

    public CompanyThreadView Thread { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.SiteId == Site.SiteId, cancellationToken);
        if (company is null)
        {
            return NotFound();
        }

        Company = company;
        Assignments = await history.AssignmentsAsync(Site.SiteId, null, id, cancellationToken);
        Changes = await history.AuditAsync(Site.SiteId, nameof(Assignment), Assignments.Select(s => s.Id), cancellationToken);

        // Who may upload or write here is the company pages' rule (their handlers check it again): the site's managers.
        var resource = (await CompanyAccessReader.FindAsync(db, id, cancellationToken))!;
        var access = await CompanyAccessReader.ReadAsync(db, User, resource, cancellationToken);
        Documents = new CompanyDocumentsView(id, await thread.DocumentsAsync(id, cancellationToken), access.CanActAsSite, true, CompanyDocumentKind.HostingAgreement,
            TempData[CompanyThread.UploadErrorKey] as string);
        Thread = new CompanyThreadView(id, await thread.MessagesAsync(id, cancellationToken), access.CanWriteMessages, false, true,
            TempData[CompanyThread.BodyKey] as string, TempData[CompanyThread.BodyErrorKey] as string);
        return Page();
    }
}
