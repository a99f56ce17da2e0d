using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Applications;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Apply;

/// <summary>
/// A document of an application, as an attachment: for its applicant, the site's managers and the reviewers
/// assigned to it (not for drafts), and NetworkAdmin; 404 for anyone else.
/// </summary>
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

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (found.ApplicantId != userId && (found.State == ApplicationState.Draft || !await IsManagerOrAssignedReviewerAsync(id, found.SiteId, userId, cancellationToken)))
        {
            return NotFound();
        }

        var stream = storage.Open(found.StoredName);
        return stream is null ? NotFound() : File(stream, found.ContentType, found.OriginalName);
    }

    private async Task<bool> IsManagerOrAssignedReviewerAsync(int applicationId, int siteId, string? userId, CancellationToken cancellationToken)
    {
        var slug = await db.Sites.Where(s => s.Id == siteId).Select(s => s.Slug).SingleAsync(cancellationToken);
        var site = new SiteResource(siteId, slug);
        if ((await authorization.AuthorizeAsync(User, site, Policies.SiteManager)).Succeeded)
        {
            return true;
        }

        return (await authorization.AuthorizeAsync(User, site, Policies.SiteStaff)).Succeeded
            && await db.Applications.Where(a => a.Id == applicationId).SelectMany(a => a.Reviews).AnyAsync(r => r.ReviewerId == userId, cancellationToken);
    }
}
