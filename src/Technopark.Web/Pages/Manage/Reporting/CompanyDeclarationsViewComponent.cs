using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Technopark.Web.Pages.Reporting;

namespace Technopark.Web.Pages.Manage.Reporting;

/// <summary>A company's declarations on its site page (<c>/manage/{slug}/companies/{id}</c>), newest first, each linked to its review.</summary>
public sealed class CompanyDeclarationsViewComponent(TechnoparkDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string siteSlug, int siteId, int companyId)
    {
        var rows = await db.Declarations.AsNoTracking().Where(d => d.CompanyId == companyId)
            .Join(db.Companies.Where(c => c.SiteId == siteId), d => d.CompanyId, c => c.Id, (d, c) => new DeclarationRow(
                d.Id, c.Id, c.LegalName, d.Year, d.Quarter, d.Declared, d.Figures, d.Status, d.DeclaredAt, d.CorrectionReason))
            .OrderByDescending(d => d.Year).ThenByDescending(d => d.Quarter == null).ThenByDescending(d => d.Quarter)
            .ToListAsync(HttpContext.RequestAborted);
        return View("~/Pages/Manage/Reporting/_CompanyDeclarations.cshtml", (siteSlug, rows));
    }
}
