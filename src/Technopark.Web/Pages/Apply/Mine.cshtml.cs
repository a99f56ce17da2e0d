using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Applications;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Apply;

/// <summary>The signed-in person's applications, newest first, with their state.</summary>
public sealed class MineModel(TechnoparkDbContext db) : PageModel
{
    public IReadOnlyList<Row> Applications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Applications = await db.Applications.AsNoTracking().Where(a => a.ApplicantId == userId)
            .Join(db.Sites, a => a.SiteId, s => s.Id, (a, s) => new { a, s.Name })
            .OrderByDescending(x => x.a.UpdatedAt)
            .Select(x => new Row(x.a.Id, x.a.ProjectName, x.Name, x.a.Programme, x.a.State, x.a.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(int Id, string? Project, string Site, Programme Programme, ApplicationState State, DateTimeOffset UpdatedAt);
}
