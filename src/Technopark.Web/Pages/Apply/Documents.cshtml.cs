using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Apply;

/// <summary>
/// Upload (pitch deck PDF, images PNG/JPEG) and removal of a draft's documents. The type is read from
/// the content, the file kept under a generated name; a refused file leaves the rest untouched.
/// </summary>
[RequestSizeLimit(DrainLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
[DocumentsModel.OversizedUpload]
public sealed class DocumentsModel(
    TechnoparkDbContext db,
    DocumentStorage storage,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : ApplicantPageModel
{
    /// <summary>
    /// Well above the 10 MB document limit: a file up to 30 MB reaches the handler and gets the size message
    /// next to the field; only larger bodies are refused by the server itself.
    /// </summary>
    public const long RequestLimit = 3 * Application.MaxDocumentBytes;

    /// <summary>
    /// A body above <see cref="RequestLimit"/> and up to this size is read and thrown away (never parsed nor
    /// kept), so that the browser, still sending, receives the answer: back to the page with the size message.
    /// Beyond, the server cuts the connection.
    /// </summary>
    public const long DrainLimit = 128L * 1024 * 1024;

    /// <summary>Set by <see cref="OversizedUploadAttribute"/> for the page it sends back to (the company documents page reads it too).</summary>
    public const string TooLargeFlag = "Upload.TooLarge";

    [BindProperty]
    public DocumentKind Kind { get; set; } = DocumentKind.PitchDeck;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>From the submit page's list of what is missing: the missing pitch deck gets its message next to the file field.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Check { get; set; }

    /// <summary>The file field: a message next to it takes the focus.</summary>
    public FieldState UploadState => ModelState.TryGetValue(nameof(Upload), out var entry) && entry.Errors.Count > 0
        ? new FieldState(Required: false, Invalid: true, Focus: true)
        : new FieldState(Required: false, Invalid: false, Focus: false);

    public void OnGet()
    {
        if (TempData[TooLargeFlag] is true)
        {
            ModelState.AddModelError(nameof(Upload), text["Document.TooLarge", Application.MaxDocumentMegabytes]);
        }

        var hasPitchDeck = Application.Documents.Any(d => d.Kind == DocumentKind.PitchDeck);
        Kind = hasPitchDeck ? DocumentKind.Image : DocumentKind.PitchDeck;
        if (!string.IsNullOrEmpty(Check) && !hasPitchDeck)
        {
            ModelState.AddModelError(nameof(Upload), text["Document.PitchDeckRequired"]);
        }
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        var error = await TryAttachAsync(cancellationToken);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }

        TempData["Message"] = text["Document.Uploaded"].Value;
        return RedirectToPage("/Apply/Documents", new { id = Application.Id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int documentId, CancellationToken cancellationToken)
    {
        try
        {
            var removed = Application.RemoveDocument(documentId, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            storage.Delete(removed.StoredName);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }

        TempData["Message"] = text["Document.Removed"].Value;
        return RedirectToPage("/Apply/Documents", new { id = Application.Id });
    }

    private async Task<string?> TryAttachAsync(CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(Kind))
        {
            return text["Document.KindInvalid"];
        }

        var (type, error, arguments) = await DocumentStorage.CheckAsync(Upload, contentType => ApplicationDocument.Allows(Kind, contentType),
            ApplicationDocument.TypeRequiredCode(Kind), cancellationToken);
        if (error is not null)
        {
            return text[error, arguments];
        }

        await using var stream = Upload!.OpenReadStream();
        var storedName = await storage.SaveAsync(stream, type, cancellationToken);
        try
        {
            var fallback = Kind == DocumentKind.PitchDeck ? "pitch-deck.pdf" : "image";
            Application.AttachDocument(Kind, DocumentStorage.CleanName(Upload.FileName, fallback), storedName, DocumentStorage.ContentTypeOf(type), Upload.Length, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DomainException e)
        {
            storage.Delete(storedName);
            return text.Message(e);
        }
        catch
        {
            storage.Delete(storedName);
            throw;
        }
    }

    /// <summary>
    /// Before the form is read (and before antiforgery reads it): a body over <see cref="RequestLimit"/> is
    /// drained and answered with a redirect to the page, which shows the size message beside the field.
    /// Without it the form reader failed and the visitor got an error page instead of the message.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class OversizedUploadAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
    {
        /// <summary>After the request size limit (900), before antiforgery (1000).</summary>
        public int Order => 950;

        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var request = context.HttpContext.Request;
            if (!HttpMethods.IsPost(request.Method) || request.ContentLength is not > RequestLimit)
            {
                return;
            }

            if (request.ContentLength <= DrainLimit)
            {
                await request.Body.CopyToAsync(Stream.Null, context.HttpContext.RequestAborted);
            }

            var tempData = context.HttpContext.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
            tempData[TooLargeFlag] = true;
            tempData.Save(); // the result filters that would save it do not run after an authorization filter's result
            context.Result = new RedirectResult(request.Path.Value ?? "/");
        }
    }
}
