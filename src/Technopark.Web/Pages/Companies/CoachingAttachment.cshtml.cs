using Microsoft.AspNetCore.Mvc;
using Technopark.Domain.Companies;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Apply;
using Technopark.Web.Pages.Programmes;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// A coaching session's attachment, as an attachment, for whoever reads the company's coaching (its coach too); the id is looked
/// up within the company, so another company's attachment is unknown here (404). The type is the one read from the content at upload.
/// </summary>
public sealed class CoachingAttachmentModel(CoachingService coaching, DocumentStorage storage) : CompanyPageModel
{
    protected override bool MayRead(CompanyAccess access) => access.CanReadCoaching;

    public async Task<IActionResult> OnGetAsync(int attachmentId, CancellationToken cancellationToken)
    {
        if (await coaching.AttachmentAsync(Company.CompanyId, attachmentId, cancellationToken) is not { } attachment
            || storage.Open(attachment.StoredName) is not { } stream)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return File(stream, attachment.ContentType, DocumentStorage.CleanName(attachment.OriginalName, "document"));
    }
}
