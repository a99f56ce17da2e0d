using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Sites;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Hq.Sites;

/// <summary>HQ creates a site: its slug (never changed, never reused), names, city, region; it opens later through its lifecycle.</summary>
public sealed class NewModel(SiteAdministration sites, IValidator<NewModel.InputModel> validator, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The statuses a new site may start in: it opens only through the lifecycle, with its opening day.</summary>
    public static readonly IReadOnlyList<SiteStatus> StartStatuses = [SiteStatus.Planned, SiteStatus.UnderConstruction];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            return Page();
        }

        try
        {
            var facts = new SiteFacts(Input.Name ?? string.Empty, Input.NameEn, Input.NameAr, Input.City ?? string.Empty, Input.Region ?? string.Empty,
                null, null, null, [], [], []);
            var site = await sites.CreateAsync(Input.Slug!.Trim(), facts, Input.Status, cancellationToken);
            Message = text["SitesAdmin.Created", site.Name];
            return RedirectToPage("/Hq/Sites/Detail", new { slug = site.Slug });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field is null ? string.Empty : $"{nameof(Input)}.{e.Field}", text.Message(e));
            return Page();
        }
    }

    public sealed class InputModel : ISiteNames
    {
        public string? Slug { get; set; }

        public string? Name { get; set; }

        public string? NameEn { get; set; }

        public string? NameAr { get; set; }

        public string? City { get; set; }

        public string? Region { get; set; }

        public SiteStatus Status { get; set; } = SiteStatus.Planned;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        /// <summary>Slugs a site cannot take: they are pages of /hq/sites.</summary>
        public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(["new"]);

        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Slug).Cascade(CascadeMode.Stop).Must(s => Site.IsValidSlug(s?.Trim())).WithMessage(text["Site.SlugInvalid"])
                .Must(s => !Reserved.Contains(s?.Trim() ?? string.Empty)).WithMessage(text["SitesAdmin.SlugReserved"]);
            RuleFor(x => x.Status).Must(StartStatuses.Contains).WithMessage(text["SitesAdmin.StartStatus"]);
        }
    }
}

/// <summary>The fields of a site's names, city and region, in the creation form and the facts form alike.</summary>
public interface ISiteNames
{
    string? Name { get; }

    string? NameEn { get; }

    string? NameAr { get; }

    string? City { get; }

    string? Region { get; }
}
