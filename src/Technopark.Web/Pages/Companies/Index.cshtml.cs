using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Companies;

/// <summary>The companies the signed-in person belongs to (and only those): one line each, linking to the company's page.</summary>
public sealed class IndexModel(TechnoparkDbContext db) : PageModel
{
    public IReadOnlyList<Row> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var rows = await db.CompanyMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (m, c) => new { m.Role, c.Id, c.LegalName, c.SiteId, c.ExitedOn })
            .Join(db.Sites, x => x.SiteId, s => s.Id, (x, s) => new
            {
                x.Id, x.LegalName, Site = s.Name, x.Role, x.ExitedOn,
                FirstDay = db.Assignments.Where(a => a.CompanyId == x.Id).Min(a => (DateOnly?)a.Period.Start),
            })
            .ToListAsync(cancellationToken);
        Companies = [.. rows.Select(r => new Row(r.Id, r.LegalName, r.Site, r.Role, r.ExitedOn, r.FirstDay))
            .OrderBy(r => r.ExitedOn is not null).ThenBy(r => r.LegalName, StringComparer.CurrentCulture)];
    }

    /// <summary>One company of mine: <see cref="FirstDay"/> is its first day in a space (null while it waits for one).</summary>
    public sealed record Row(int Id, string LegalName, string SiteName, CompanyRole Role, DateOnly? ExitedOn, DateOnly? FirstDay);
}
