using Microsoft.AspNetCore.Mvc;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.Web.Pages.Companies;

/// <summary>The PDF of one of the company's credit notes, for those who read the company; another company's is unknown here (404).</summary>
public sealed class CreditNotePdfModel(InvoicePdf pdf) : CompanyPageModel
{
    public async Task<IActionResult> OnGetAsync(long noteId, CancellationToken cancellationToken) =>
        await pdf.CreditNoteAsync(noteId, null, Company.CompanyId, cancellationToken) is { } file
            ? File(file.Content, PdfFile.ContentType, file.FileName)
            : NotFound();
}
