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

    public IReadOnlyList<StayRow> Stays { get; private set; } = [];

    public IReadOnlyList<AuditRow> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var code = await db.Spaces.AsNoTracking().Where(s => s.Id == id && s.SiteId == Site.SiteId).Select(s => s.Code).SingleOrDefaultAsync(cancellationToken);
        if (code is null)
        {
            return NotFound();
        }

        Code = code;
        Stays = await history.StaysAsync(Site.SiteId, id, null, cancellationToken);
        var changes = await history.AuditAsync(Site.SiteId, nameof(Space), [id], cancellationToken);
        var stayChanges = await history.AuditAsync(Site.SiteId, nameof(Assignment), Stays.Select(s => s.Id), cancellationToken);
        Changes = [.. changes.Concat(stayChanges).OrderByDescending(c => c.At)];
        return Page();
    }
}
