using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Apply;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// A document of the company, as an attachment, for anyone who reads the company (the base class refuses the others);
/// the id is looked up within the company, so another company's document is unknown here (404).
/// </summary>
public sealed class DownloadModel(TechnoparkDbContext db, DocumentStorage storage) : CompanyPageModel
{
    public async Task<IActionResult> OnGetAsync(int documentId, CancellationToken cancellationToken)
    {
        var document = await db.CompanyDocuments.AsNoTracking()
            .Where(d => d.Id == documentId && d.CompanyId == Company.CompanyId)
            .Select(d => new { d.OriginalName, d.StoredName, d.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        if (document is null || storage.Open(document.StoredName) is not { } stream)
        {
            return NotFound();
        }

        // Never rendered by the browser as something else than its checked type, always saved under a clean name.
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(stream, document.ContentType, DocumentStorage.CleanName(document.OriginalName, "document"));
    }
}
