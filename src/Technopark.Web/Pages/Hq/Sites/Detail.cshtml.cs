using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Sites;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Hq.Sites;

/// <summary>One site for HQ: its facts, its photo and its lifecycle (Planned → UnderConstruction → Operational → Closed).</summary>
public sealed class DetailModel(
    TechnoparkDbContext db,
    SiteAdministration sites,
    IValidator<DetailModel.FactsInput> validator,
    TimeProvider clock,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The key of the lifecycle section's own messages (a move that is not allowed).</summary>
    public const string LifecycleKey = "Lifecycle";

    /// <summary>The lifecycle's date fields, by the domain's names of them.</summary>
    private static readonly Dictionary<string, string> LifecycleFields = new()
    {
        [nameof(Site.OpenedOn)] = nameof(OpenOn),
        [nameof(Site.OpeningYear)] = nameof(OpenOn),
        [nameof(Site.ClosedOn)] = nameof(CloseOn),
    };

    public Site Site { get; private set; } = null!;

    public DateTimeOffset? PhotoUpdatedAt { get; private set; }

    public DateOnly Today { get; private set; }

    [BindProperty]
    public FactsInput Facts { get; set; } = new();

    [BindProperty]
    public IFormFile? Photo { get; set; }

    [BindProperty]
    public DateOnly? OpenOn { get; set; }

    [BindProperty]
    public DateOnly? CloseOn { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    [TempData]
    public string? Message { get; set; }

    public string? PhotoUrl => PhotoUpdatedAt is { } at ? Url.Page("/Sites/Photo", new { slug = Site.Slug, v = Images.UploadedImages.Version(at) }) : null;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, fillFacts: true, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFactsAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, fillFacts: false, cancellationToken))
        {
            return NotFound();
        }

        ClearOtherForms(nameof(Facts));
        if (!await validator.ValidateIntoAsync(Facts, ModelState, nameof(Facts), cancellationToken))
        {
            return Page();
        }

        return await ChangeAsync(() => sites.UpdateAsync(Site.Id, Facts.ToFacts(CultureInfo.CurrentCulture), cancellationToken),
            field => $"{nameof(Facts)}.{field}", "SitesAdmin.FactsSaved", cancellationToken);
    }

    public async Task<IActionResult> OnPostPhotoAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, fillFacts: true, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear(); // only the file belongs to this form
        var image = await SitePhotoImage.FromUploadAsync(Photo, cancellationToken);
        if (image.ErrorCode is { } code)
        {
            ModelState.AddModelError(nameof(Photo), text[code, Display.Count(SitePhoto.MaxBytes / (1024 * 1024))]);
            return Page();
        }

        return await ChangeAsync(() => sites.SetPhotoAsync(Site.Id, image, cancellationToken), _ => nameof(Photo), "SitesAdmin.PhotoSaved", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, fillFacts: true, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (!Confirm)
        {
            ModelState.AddModelError("ConfirmRemovePhoto", text["SitesAdmin.ConfirmRequired"]);
            return Page();
        }

        await sites.RemovePhotoAsync(Site.Id, cancellationToken);
        Message = text["SitesAdmin.PhotoRemoved"];
        return RedirectToPage(new { slug });
    }

    /// <summary>Planned ↔ UnderConstruction.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string slug, SiteStatus to, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, fillFacts: true, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        return await ChangeAsync(() => sites.MoveAsync(Site.Id, to, cancellationToken), _ => LifecycleKey, "SitesAdmin.StatusSaved", cancellationToken);
    }

    /// <summary>Opens the site on the day given (confirmed first: a site opens once).</summary>
    public async Task<IActionResult> OnPostOpenAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, fillFacts: true, cancellationToken))
        {
            return NotFound();
        }

        ClearOtherForms(nameof(OpenOn), nameof(Confirm));
        if (!CheckDayAndConfirmation(nameof(OpenOn), OpenOn, "ConfirmOpen"))
        {
            return Page();
        }

        return await ChangeAsync(() => sites.OpenAsync(Site.Id, OpenOn, cancellationToken), LifecycleField, "SitesAdmin.StatusSaved", cancellationToken);
    }

    /// <summary>Closes the site on the day given (confirmed first: a closed site stays closed), refused while assignments go on.</summary>
    public async Task<IActionResult> OnPostCloseAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, fillFacts: true, cancellationToken))
        {
            return NotFound();
        }

        ClearOtherForms(nameof(CloseOn), nameof(Confirm));
        if (!CheckDayAndConfirmation(nameof(CloseOn), CloseOn, "ConfirmClose"))
        {
            return Page();
        }

        return await ChangeAsync(() => sites.CloseAsync(Site.Id, CloseOn, cancellationToken), LifecycleField, "SitesAdmin.StatusSaved", cancellationToken);
    }

    private static string LifecycleField(string? field) => field is not null && LifecycleFields.TryGetValue(field, out var input) ? input : LifecycleKey;

    /// <summary>The day, when given, within the app's limits; the confirmation ticked. Errors go next to their field.</summary>
    private bool CheckDayAndConfirmation(string field, DateOnly? day, string confirmField)
    {
        if (day is { } d && !DateRangeLimits.Contains(d))
        {
            ModelState.Remove(field);
            ModelState.AddModelError(field, text.OutOfRange());
        }

        if (!Confirm)
        {
            ModelState.AddModelError(confirmField, text["SitesAdmin.ConfirmRequired"]);
        }

        return ModelState.IsValid;
    }

    /// <summary>Runs a change; a broken rule becomes a message next to its field, anything else saved redirects with <paramref name="savedKey"/>.</summary>
    private async Task<IActionResult> ChangeAsync(Func<Task> change, Func<string?, string> fieldOf, string savedKey, CancellationToken cancellationToken)
    {
        try
        {
            await change();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(fieldOf(e.Field), text.Message(e));
            db.ChangeTracker.Clear();
            await LoadAsync(Site.Slug, fillFacts: false, cancellationToken);
            return Page();
        }

        Message = text[savedKey];
        return RedirectToPage(new { slug = Site.Slug });
    }

    /// <summary>Leaves in ModelState only the posted form's fields: the other forms show the saved values.</summary>
    private void ClearOtherForms(params string[] keep)
    {
        foreach (var key in ModelState.Keys.Where(k => !keep.Any(prefix => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal))).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private async Task<bool> LoadAsync(string slug, bool fillFacts, CancellationToken cancellationToken)
    {
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (site is null)
        {
            return false;
        }

        Site = site;
        Today = clock.Today();
        PhotoUpdatedAt = await db.SitePhotos.Where(p => p.SiteId == site.Id).Select(p => (DateTimeOffset?)p.UpdatedAt).SingleOrDefaultAsync(cancellationToken);
        if (fillFacts)
        {
            Facts = FactsInput.From(site, CultureInfo.CurrentCulture);
        }

        return true;
    }

    public sealed class FactsInput : ISiteNames
    {
        public string? Name { get; set; }

        public string? NameEn { get; set; }

        public string? NameAr { get; set; }

        public string? City { get; set; }

        public string? Region { get; set; }

        public string? Address { get; set; }

        /// <summary>Square metres as typed ("2 027,5" in French).</summary>
        public string? FloorAreaSquareMeters { get; set; }

        /// <summary>Companies hosted at full capacity, as typed.</summary>
        public string? CompanyCapacity { get; set; }

        public List<string> FocusSectors { get; set; } = [];

        public List<string> ServiceCodes { get; set; } = [];

        /// <summary>One partner a line.</summary>
        public string? Partners { get; set; }

        public static FactsInput From(Site site, CultureInfo culture) => new()
        {
            Name = site.Name,
            NameEn = site.NameEn,
            NameAr = site.NameAr,
            City = site.City,
            Region = site.Region,
            Address = site.Address,
            FloorAreaSquareMeters = site.FloorAreaSquareMeters is { } area ? NumberInput.Format(area, culture, Site.FloorAreaScale) : null,
            CompanyCapacity = site.CompanyCapacity is { } capacity ? NumberInput.Format(capacity, culture, 0) : null,
            FocusSectors = [.. site.FocusSectors],
            ServiceCodes = [.. site.ServiceCodes],
            Partners = string.Join('\n', site.Partners),
        };

        public SiteFacts ToFacts(CultureInfo culture) => new(Name ?? string.Empty, NameEn, NameAr, City ?? string.Empty, Region ?? string.Empty, Address,
            Number(FloorAreaSquareMeters, culture, Site.FloorAreaScale, Site.MaxFloorAreaSquareMeters), Number(CompanyCapacity, culture, 0, Site.MaxCompanyCapacity) is { } c ? (int)c : null,
            FocusSectors, ServiceCodes, PartnerLines);

        public IReadOnlyList<string> PartnerLines =>
            [.. (Partners ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

        private static decimal? Number(string? typed, CultureInfo culture, int scale, decimal max) =>
            NumberInput.TryParse(typed, culture, scale, max, out var value) == NumberInputError.None ? value : null;
    }

    public sealed class FactsValidator : AbstractValidator<FactsInput>
    {
        public FactsValidator(IStringLocalizer<SharedResource> text)
        {
            Number(x => x.FloorAreaSquareMeters, Site.FloorAreaScale, Site.MaxFloorAreaSquareMeters, text);
            Number(x => x.CompanyCapacity, 0, Site.MaxCompanyCapacity, text);
        }

        /// <summary>An optional number typed in the page's language (decimal comma in French), see <see cref="NumberInput"/>.</summary>
        private void Number(System.Linq.Expressions.Expression<Func<FactsInput, string?>> field, int scale, decimal max, IStringLocalizer<SharedResource> text) =>
            RuleFor(field).Custom((value, context) =>
            {
                var error = NumberInput.TryParse(value, CultureInfo.CurrentCulture, scale, max, out _);
                if (error is NumberInputError.None or NumberInputError.Required)
                {
                    return;
                }

                context.AddFailure(context.PropertyPath,
                    text[NumberInput.Code(error), scale, max.ToString("#,##0", Display.Numbers), NumberInput.Example(CultureInfo.CurrentCulture, scale)]);
            });
    }
}
