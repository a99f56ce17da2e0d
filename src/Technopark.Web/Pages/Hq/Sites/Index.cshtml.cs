using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Hq.Sites;

/// <summary>Every site of the network, whatever its status, each leading to its page (facts, photo, lifecycle).</summary>
public sealed class IndexModel(TechnoparkDbContext db) : PageModel
{
    public IReadOnlyList<SiteRow> Sites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new { s.Slug, s.Name, s.NameEn, s.NameAr, s.City, s.Region, s.Status, s.OpeningYear, s.OpenedOn, s.ClosedOn })
            .ToListAsync(cancellationToken);
        Sites = [.. sites.Select(s => new SiteRow(s.Slug, Site.NameIn(language, s.Name, s.NameEn, s.NameAr), s.City, s.Region, s.Status,
            s.OpeningYear, s.OpenedOn, s.ClosedOn))];
    }

    public sealed record SiteRow(string Slug, string Name, string City, string Region, SiteStatus Status, int? OpeningYear, DateOnly? OpenedOn, DateOnly? ClosedOn);
}
