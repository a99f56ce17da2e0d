using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Applications;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Apply;

/// <summary>A document of an application, as an attachment: for its applicant, the site's staff (not for drafts) and NetworkAdmin; 404 for anyone else.</summary>
public sealed class DownloadModel(TechnoparkDbContext db, DocumentStorage storage, IAuthorizationService authorization) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int documentId, CancellationToken cancellationToken)
    {
        var found = await db.Applications.AsNoTracking().Where(a => a.Id == id)
            .SelectMany(a => a.Documents.Where(d => d.Id == documentId), (a, d) => new { a.ApplicantId, a.SiteId, a.State, d.OriginalName, d.StoredName, d.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var isOwner = found.ApplicantId == User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!isOwner)
        {
            var slug = await db.Sites.Where(s => s.Id == found.SiteId).Select(s => s.Slug).SingleAsync(cancellationToken);
            var staff = found.State != ApplicationState.Draft
                && (await authorization.AuthorizeAsync(User, new SiteResource(found.SiteId, slug), Policies.SiteStaff)).Succeeded;
            if (!staff)
            {
                return NotFound();
            }
        }

        var stream = storage.Open(found.StoredName);
        return stream is null ? NotFound() : File(stream, found.ContentType, found.OriginalName);
    }
}
