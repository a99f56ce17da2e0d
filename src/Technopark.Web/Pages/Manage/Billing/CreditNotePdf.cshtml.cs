using Microsoft.AspNetCore.Mvc;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>The PDF of a credit note of the site for its managers (HQ reads); another site's credit note is unknown here (404).</summary>
public sealed class CreditNotePdfModel(InvoicePdf pdf) : BillingPageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await pdf.CreditNoteAsync(id, Site.SiteId, null, cancellationToken) is { } file
            ? File(file.Content, PdfFile.ContentType, file.FileName)
            : NotFound();
}
