using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Manage.Companies;

/// <summary>A company of the site: its facts and every assignment it had (transfers included), with who changed what.</summary>
public sealed class DetailModel(TechnoparkDbContext db, History history) : SitePageModel
{
    public Company Company { get; private set; } = null!;

    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];

    public IReadOnlyList<AuditRow> Changes { get; private set; } = [];

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
        return Page();
    }
}
