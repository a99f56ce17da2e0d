using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Technopark.Web.Images;

namespace Technopark.Web.Pages.Sites;

/// <summary>A site's photo, for anyone (404 when it has none); see <see cref="UploadedImages.Serve"/>.</summary>
public sealed class PhotoModel(TechnoparkDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, long? v, CancellationToken cancellationToken)
    {
        var photo = await db.SitePhotos.AsNoTracking()
            .Where(p => db.Sites.Any(s => s.Id == p.SiteId && s.Slug == slug))
            .Select(p => new { p.Content, p.ContentType, p.UpdatedAt }).SingleOrDefaultAsync(cancellationToken);
        return photo is null ? NotFound() : UploadedImages.Serve(Response, photo.Content, photo.ContentType, photo.UpdatedAt, v, isPublic: true);
    }
}
