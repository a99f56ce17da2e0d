using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Companies;

/// <summary>The company's logo for those who may read the company (404 when it has none); see <see cref="LogoImages.Serve"/>.</summary>
public sealed class LogoModel(TechnoparkDbContext db) : CompanyPageModel
{
    public async Task<IActionResult> OnGetAsync(long? v, CancellationToken cancellationToken)
    {
        var logo = await db.CompanyLogos.AsNoTracking().Where(l => l.CompanyId == Company.CompanyId)
            .Select(l => new { l.Content, l.UpdatedAt }).SingleOrDefaultAsync(cancellationToken);
        return logo is null ? NotFound() : LogoImages.Serve(Response, logo.Content, logo.UpdatedAt, v, isPublic: false);
    }
}
