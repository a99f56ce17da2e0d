using Microsoft.AspNetCore.Mvc;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.Web.Pages.Companies;

/// <summary>The PDF of one of the company's issued invoices, for those who read the company; another company's invoice or a draft is unknown here (404).</summary>
public sealed class InvoicePdfModel(InvoicePdf pdf) : CompanyPageModel
{
    public async Task<IActionResult> OnGetAsync(long invoiceId, CancellationToken cancellationToken) =>
        await pdf.InvoiceAsync(invoiceId, null, Company.CompanyId, cancellationToken) is { } file
            ? File(file.Content, PdfFile.ContentType, file.FileName)
            : NotFound();
}
