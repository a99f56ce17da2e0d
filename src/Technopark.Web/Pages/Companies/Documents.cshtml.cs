using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.Domain.Companies;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// The company's documents from its site (hosting agreement, amendments), newest first, for everyone who reads the company;
/// the site's managers upload them (type read from the content) and remove a wrong one after a confirmation.
/// The staff's page of the company shows the same list and posts its forms here (<see cref="FromManage"/>).
/// </summary>
[RequestSizeLimit(Apply.DocumentsModel.DrainLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = Apply.DocumentsModel.RequestLimit)]
[Apply.DocumentsModel.OversizedUpload]
public sealed class DocumentsModel(CompanyThread thread, IStringLocalizer<SharedResource> text) : CompanyPageModel
{
    [BindProperty]
    public CompanyDocumentKind Kind { get; set; } = CompanyDocumentKind.HostingAgreement;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The form was on the staff's page of the company: back there once done.</summary>
    [BindProperty(SupportsGet = true)]
    public bool FromManage { get; set; }

    /// <summary>The document whose removal is asked (?confirmRemove=id): the page asks to confirm it.</summary>
    [BindProperty(SupportsGet = true)]
    public int? ConfirmRemove { get; set; }

    public IReadOnlyList<CompanyDocumentRow> Documents { get; private set; } = [];

    public CompanyDocumentRow? Removing { get; private set; }

    public CompanyDocumentsView View => new(Company.CompanyId, Documents, Access.CanActAsSite, FromManage, Kind,
        ModelState.TryGetValue(nameof(Upload), out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[Apply.DocumentsModel.TooLargeFlag] is true)
        {
            ModelState.AddModelError(nameof(Upload), text["Document.TooLarge", Application.MaxDocumentMegabytes]);
        }

        await LoadAsync(cancellationToken);
        if (Access.CanActAsSite && ConfirmRemove is { } id)
        {
            Removing = Documents.FirstOrDefault(d => d.Id == id);
        }
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (Require(Access.CanActAsSite) is { } refused)
        {
            return refused;
        }

        if (await thread.UploadAsync(Company, Kind, Upload, UserId, cancellationToken) is { } error)
        {
            if (FromManage)
            {
                TempData[CompanyThread.UploadErrorKey] = error; // shown beside the file field of the staff's page
                return Back();
            }

            ModelState.AddModelError(nameof(Upload), error);
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Message"] = text["CompanyDocs.Uploaded"].Value;
        return Back();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int documentId, CancellationToken cancellationToken)
    {
        if (Require(Access.CanActAsSite) is { } refused)
        {
            return refused;
        }

        if (!await thread.RemoveAsync(Company, documentId, cancellationToken))
        {
            return NotFound();
        }

        TempData["Message"] = text["CompanyDocs.Removed"].Value;
        return Back();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Documents = await thread.DocumentsAsync(Company.CompanyId, cancellationToken);

    private RedirectToPageResult Back() => FromManage
        ? RedirectToPage("/Manage/Companies/Detail", null, new { slug = Company.SiteSlug, id = Company.CompanyId }, "company-documents-section")
        : RedirectToPage("/Companies/Documents", new { id = Company.CompanyId });
}
