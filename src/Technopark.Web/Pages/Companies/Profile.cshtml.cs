using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Validation;
using DomainCompany = Technopark.Domain.Companies.Company;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// The profile the company's members keep while resident (<see cref="CompanyAccess.CanEditProfile"/>): website, pitch,
/// sector, the opt-in to the site's public directory, the address invoices are made out to, and the logo; everyone else who may read the company sees it.
/// Every change is audited; refused input changes nothing.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class ProfileModel(
    TechnoparkDbContext db,
    AuditTrail audit,
    IValidator<ProfileModel.ProfileInput> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : CompanyPageModel
{
    /// <summary>Above the logo limit, so that a file a little too large reaches the handler and gets its message beside the field.</summary>
    public const long RequestLimit = 4 * CompanyLogo.MaxUploadBytes;

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Logo { get; set; }

    /// <summary>The profile as saved.</summary>
    public CompanyProfile Saved { get; private set; } = null!;

    /// <summary>"Remove the logo" was asked: the page asks to confirm.</summary>
    public bool ConfirmRemove { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public static IReadOnlyList<string> SectorCodes { get; } = [.. Sectors.All.Order(StringComparer.Ordinal)];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(fillInput: true, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(Access.CanEditProfile) is { } refused)
        {
            return refused;
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            await LoadAsync(fillInput: false, cancellationToken);
            return Page();
        }

        var company = await db.Companies.SingleAsync(c => c.Id == Company.CompanyId, cancellationToken);
        var before = Snapshot(company);
        try
        {
            company.UpdateProfile(Input.Website, Input.Pitch, Input.Sector, Input.ListedInDirectory);
            company.SetBillingAddress(Input.BillingAddress);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError($"{nameof(Input)}.{e.Field}", text.Message(e));
            await LoadAsync(fillInput: false, cancellationToken);
            return Page();
        }

        audit.Record("company.profile.updated", nameof(DomainCompany), company.Id, company.SiteId, before, Snapshot(company));
        await db.SaveChangesAsync(cancellationToken);
        Message = text["Profile.Saved"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLogoAsync(CancellationToken cancellationToken)
    {
        if (Require(Access.CanEditProfile) is { } refused)
        {
            return refused;
        }

        var image = await LogoImages.FromUploadAsync(Logo, cancellationToken);
        if (image.Png is not { } png)
        {
            ModelState.Clear(); // the profile fields were not part of this form
            ModelState.AddModelError(nameof(Logo), text[image.ErrorCode!, Display.Count((int)(CompanyLogo.MaxUploadBytes / 1024 / 1024)),
                Display.Count(CompanyLogo.MaxPixels), Display.Count((int)(CompanyLogo.MaxSourcePixels / 1_000_000))]);
            await LoadAsync(fillInput: true, cancellationToken);
            return Page();
        }

        var now = clock.GetUtcNow();
        var logo = await db.CompanyLogos.SingleOrDefaultAsync(l => l.CompanyId == Company.CompanyId, cancellationToken);
        var replaced = logo is not null;
        if (logo is null)
        {
            db.CompanyLogos.Add(CompanyLogo.Create(Company.CompanyId, png, now));
        }
        else
        {
            logo.Replace(png, now);
        }

        audit.Record(replaced ? "company.logo.replaced" : "company.logo.added", nameof(CompanyLogo), Company.CompanyId, Company.SiteId,
            null, new { width = image.Width, height = image.Height, bytes = png.Length, uploaded = Logo!.Length });
        await db.SaveChangesAsync(cancellationToken);
        Message = text["Profile.LogoSaved"];
        return RedirectToPage();
    }

    /// <summary>Removing the logo asks first; the confirmed form removes it.</summary>
    public async Task<IActionResult> OnPostRemoveLogoAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (Require(Access.CanEditProfile) is { } refused)
        {
            return refused;
        }

        ModelState.Clear();
        if (!confirmed)
        {
            ConfirmRemove = true;
            await LoadAsync(fillInput: true, cancellationToken);
            return Page();
        }

        var logo = await db.CompanyLogos.SingleOrDefaultAsync(l => l.CompanyId == Company.CompanyId, cancellationToken);
        if (logo is not null)
        {
            db.CompanyLogos.Remove(logo);
            audit.Record("company.logo.removed", nameof(CompanyLogo), Company.CompanyId, Company.SiteId,
                new { bytes = logo.Content.Length, updatedAt = logo.UpdatedAt }, null);
            await db.SaveChangesAsync(cancellationToken);
        }

        Message = text["Profile.LogoRemoved"];
        return RedirectToPage();
    }

    /// <summary>The URL of the logo at its current version (null without a logo).</summary>
    public string? LogoUrl => Saved.LogoUpdatedAt is { } at ? Url.Page("/Companies/Logo", new { id = Company.CompanyId, v = LogoImages.Version(at) }) : null;

    private async Task LoadAsync(bool fillInput, CancellationToken cancellationToken)
    {
        Saved = await db.Companies.AsNoTracking().Where(c => c.Id == Company.CompanyId)
            .Select(c => new CompanyProfile(c.Website, c.Pitch, c.Sector, c.ListedInDirectory, c.BillingAddress,
                db.CompanyLogos.Where(l => l.CompanyId == c.Id).Select(l => (DateTimeOffset?)l.UpdatedAt).FirstOrDefault()))
            .SingleAsync(cancellationToken);
        if (fillInput)
        {
            Input = new ProfileInput
            {
                Website = Saved.Website, Pitch = Saved.Pitch, Sector = Saved.Sector, ListedInDirectory = Saved.ListedInDirectory,
                BillingAddress = Saved.BillingAddress,
            };
        }
    }

    private static object Snapshot(DomainCompany company) =>
        new
        {
            website = company.Website, pitch = company.Pitch, sector = company.Sector, listedInDirectory = company.ListedInDirectory,
            billingAddress = company.BillingAddress,
        };

    public sealed record CompanyProfile(string? Website, string? Pitch, string Sector, bool ListedInDirectory, string? BillingAddress,
        DateTimeOffset? LogoUpdatedAt);

    public sealed class ProfileInput
    {
        public string? Website { get; set; }

        public string? Pitch { get; set; }

        public string Sector { get; set; } = string.Empty;

        public bool ListedInDirectory { get; set; }

        /// <summary>The address on the company's next invoices (<see cref="DomainCompany.SetBillingAddress"/>).</summary>
        public string? BillingAddress { get; set; }
    }

    /// <summary>The same limits as <see cref="DomainCompany.UpdateProfile"/>, with the same messages, beside each field.</summary>
    /// <summary>The rule of <see cref="DomainCompany.SetBillingAddress"/>: at most <see cref="DomainCompany.AddressMaxLength"/> characters once trimmed.</summary>
    public static bool BillingAddressFits(string? address) => address is null || address.Trim().Length <= DomainCompany.AddressMaxLength;

    public sealed class ProfileValidator : AbstractValidator<ProfileInput>
    {
        public ProfileValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Website)
                .Must(DomainCompany.IsValidWebsite)
                .WithMessage(text["Company.WebsiteInvalid", DomainCompany.WebsiteMaxLength]);
            RuleFor(x => x.Pitch)
                .Must(p => p is null || p.Trim().Length <= DomainCompany.PitchMaxLength)
                .WithMessage(text["Company.PitchTooLong", DomainCompany.PitchMaxLength]);
            RuleFor(x => x.Sector)
                .Must(s => s is not null && Sectors.All.Contains(s))
                .WithMessage(text["Profile.SectorInvalid"]);
            RuleFor(x => x.BillingAddress)
                .Must(BillingAddressFits)
                .WithMessage(text["Company.AddressTooLong", DomainCompany.AddressMaxLength]);
        }
    }
}
