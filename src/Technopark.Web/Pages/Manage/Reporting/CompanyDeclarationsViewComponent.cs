using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Technopark.Web.Pages.Reporting;

namespace Technopark.Web.Pages.Manage.Reporting;

/// <summary>A company's declarations on its site page (<c>/manage/{slug}/companies/{id}</c>), newest first, each linked to its review.</summary>
public sealed class CompanyDeclarationsViewComponent(TechnoparkDbContext db, ReportingService reporting) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string siteSlug, int siteId, int companyId)
    {
        var rows = (await reporting.Rows(db.Declarations.Where(d => d.CompanyId == companyId), siteId).ToListAsync(HttpContext.RequestAborted))
            .OrderByDescending(d => d.Year).ThenBy(d => d.Quarter ?? 0).ToList();
        return View("~/Pages/Manage/Reporting/_CompanyDeclarations.cshtml", (siteSlug, rows));
    }
}
