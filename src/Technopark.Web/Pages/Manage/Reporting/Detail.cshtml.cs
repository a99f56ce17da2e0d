using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Reporting;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Reporting;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Reporting;

/// <summary>One declaration of a company of the site: staff read it; managers validate it, or correct its figures with a reason.</summary>
public sealed class DetailModel(
    TechnoparkDbContext db,
    ReportingService reporting,
    IAuthorizationService authorization,
    IValidator<DetailModel.InputModel> validator,
    IStringLocalizer<SharedResource> text) : SitePageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public DeclarationRow Declaration { get; private set; } = null!;

    public bool CanAct { get; private set; }

    public async Task<IActionResult> OnGetAsync(int declarationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(declarationId, cancellationToken))
        {
            return NotFound();
        }

        Input.Fill(Declaration.Figures, CultureInfo.CurrentCulture);
        Input.Reason = Declaration.CorrectionReason;
        return Page();
    }

    public async Task<IActionResult> OnPostValidateAsync(int declarationId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync() is { } refused)
        {
            return refused;
        }

        try
        {
            await reporting.ValidateAsync(Site.SiteId, declarationId, UserId, cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        TempData["Message"] = text["Reporting.ValidatedDone"].Value;
        return RedirectToPage("/Manage/Reporting/Index", new { slug = Site.Slug, year = await YearAsync(declarationId, cancellationToken) });
    }

    public async Task<IActionResult> OnPostCorrectAsync(int declarationId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync() is { } refused)
        {
            return refused;
        }

        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                await reporting.CorrectAsync(Site.SiteId, declarationId, Input.ToFigures(CultureInfo.CurrentCulture), Input.Reason, UserId, cancellationToken);
                TempData["Message"] = text["Reporting.CorrectedDone"].Value;
                return RedirectToPage("/Manage/Reporting/Index", new { slug = Site.Slug, year = await YearAsync(declarationId, cancellationToken) });
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Field is null ? string.Empty : $"{nameof(Input)}.{(e.Field == nameof(Domain.Reporting.Declaration.CorrectionReason) ? nameof(InputModel.Reason) : e.Field)}", text.Message(e));
            }
        }

        return await LoadAsync(declarationId, cancellationToken) ? Page() : NotFound();
    }

    private string UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;

    private Task<int> YearAsync(int declarationId, CancellationToken cancellationToken) =>
        db.Declarations.Where(d => d.Id == declarationId).Select(d => d.Year).SingleAsync(cancellationToken);

    private async Task<IActionResult?> RefuseAsync() =>
        (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded ? null : Forbid();

    private async Task<bool> LoadAsync(int declarationId, CancellationToken cancellationToken)
    {
        var found = await reporting.Rows(db.Declarations.Where(d => d.Id == declarationId), Site.SiteId).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        Declaration = found;
        CanAct = !IsHqReadOnly && (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        return true;
    }

    public sealed class InputModel : FiguresInput
    {
        public string? Reason { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= Domain.Reporting.Declaration.ReasonMaxLength)
                .WithMessage(text["Declaration.ReasonRequired", Domain.Reporting.Declaration.ReasonMaxLength]);
            Include(new FiguresValidator(text));
        }
    }
}
