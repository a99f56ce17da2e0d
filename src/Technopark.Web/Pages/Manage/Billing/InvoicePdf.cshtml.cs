using Microsoft.AspNetCore.Mvc;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>The PDF of an issued invoice of the site for its managers (HQ reads); a draft, or another site's invoice, is unknown here (404).</summary>
public sealed class InvoicePdfModel(InvoicePdf pdf) : BillingPageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await pdf.InvoiceAsync(id, Site.SiteId, null, cancellationToken) is { } file
            ? File(file.Content, PdfFile.ContentType, file.FileName)
            : NotFound();
}
