using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Manage.Spaces;

public sealed class HistoryModel(TechnoparkDbContext db, History history) : SitePageModel
{
    protected override string Policy => Policies.SiteManager;

    public string Code { get; private set; } = string.Empty;

    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];

    public IReadOnlyList<AuditRow> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var code = await db.Spaces.AsNoTracking().Where(s => s.Id == id && s.SiteId == Site.SiteId).Select(s => s.Code).SingleOrDefaultAsync(cancellationToken);
        if (code is null)
        {
            return NotFound();
        }

        Code = code;
        Assignments = await history.AssignmentsAsync(Site.SiteId, id, null, cancellationToken);
        var changes = await history.AuditAsync(Site.SiteId, nameof(Space), [id], cancellationToken);
        var assignmentChanges = await history.AuditAsync(Site.SiteId, nameof(Assignment), Assignments.Select(s => s.Id), cancellationToken);
        Changes = [.. changes.Concat(assignmentChanges).OrderByDescending(c => c.At)];
        return Page();
    }
}
