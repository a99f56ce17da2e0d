using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Reporting;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Reporting;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Companies;

/// <summary>What the company owes and has declared (each year due, optional quarters), and the form to declare: members only.</summary>
public sealed class ReportingModel(
    TechnoparkDbContext db,
    ReportingService reporting,
    IValidator<ReportingModel.InputModel> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : CompanyPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<PeriodRow> Years { get; private set; } = [];

    public IReadOnlyList<PeriodRow> Quarters { get; private set; } = [];

    /// <summary>A closed company that has not confirmed yet, for its exit year, that it is no longer active.</summary>
    public int? ClosedConfirmationYear { get; private set; }

    /// <summary>The declaration a post would replace, shown for confirmation before anything is saved.</summary>
    public PeriodRow? Replacing { get; private set; }

    public async Task OnGetAsync(int? year, int? quarter, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input = new InputModel { Year = year ?? ClosedConfirmationYear ?? ReportingPeriod.YearDueOn(clock.Today()).Year, Quarter = quarter is >= 1 and <= 4 ? quarter : null };
        if (Find(Input.Year.Value, Input.Quarter) is { Declared: { } declared })
        {
            Input.Fill(declared, CultureInfo.CurrentCulture);
        }
        else if (ClosedConfirmationYear == Input.Year && Input.Quarter is null)
        {
            Input.StillActive = false;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(Access.CanDeclare) is { } refused)
        {
            return refused;
        }

        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                var period = new ReportingPeriod(Input.Year!.Value, Input.Quarter);
                var figures = Input.ToFigures(CultureInfo.CurrentCulture);
                await LoadAsync(cancellationToken);
                var existing = Find(period.Year, period.Quarter);
                if (existing?.Declared is not null && !Input.Confirmed)
                {
                    Replacing = existing;
                    return Page();
                }

                await reporting.DeclareAsync(Company.CompanyId, period, figures, UserId, cancellationToken);
                TempData["Message"] = text[existing?.Declared is null ? "Reporting.Declared" : "Reporting.Replaced", PeriodName(text, period.Year, period.Quarter)].Value;
                return RedirectToPage(new { id = Company.CompanyId });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Field is null ? string.Empty : $"{nameof(Input)}.{e.Field}", text.Message(e));
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>"2025", "T1 2026": a period as the pages name it.</summary>
    public static string PeriodName(IStringLocalizer text, int year, int? quarter) =>
        quarter is { } q ? text["Reporting.QuarterName", q, year] : year.ToString(CultureInfo.InvariantCulture);

    private PeriodRow? Find(int year, int? quarter) =>
        Years.Concat(Quarters).FirstOrDefault(p => p.Year == year && p.Quarter == quarter && p.Declared is not null);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var facts = await reporting.FactsAsync(Company.CompanyId, cancellationToken);
        var declarations = await db.Declarations.AsNoTracking().Where(d => d.CompanyId == Company.CompanyId)
            .Select(d => new PeriodRow(d.Year, d.Quarter, d.Declared, d.Figures, d.Status, d.CorrectionReason, d.DeclaredAt))
            .ToListAsync(cancellationToken);
        var yearly = declarations.Where(d => d.Quarter is null).ToDictionary(d => d.Year);
        var years = facts.YearsDue(clock.Today()).Union(yearly.Keys).OrderDescending();
        Years = [.. years.Select(y => yearly.GetValueOrDefault(y) ?? new PeriodRow(y, null, null, null, null, null, null))];
        Quarters = [.. declarations.Where(d => d.Quarter is not null).OrderByDescending(d => d.Year).ThenByDescending(d => d.Quarter)];
        ClosedConfirmationYear = facts.ExitedOn is { } exit && facts.IsClosedConfirmation(exit.Year) && !yearly.ContainsKey(exit.Year) && exit.Year < clock.Today().Year
            ? exit.Year
            : null;
    }

    /// <summary>One period: nothing declared yet (<see cref="Declared"/> null), declared, validated, or corrected by the site.</summary>
    public sealed record PeriodRow(int Year, int? Quarter, DeclarationFigures? Declared, DeclarationFigures? Figures, DeclarationStatus? Status, string? CorrectionReason, DateTimeOffset? DeclaredAt)
    {
        /// <summary>"Missing", "Declared", "Validated" or "Corrected": the resource key suffix of the state.</summary>
        public string State => Status switch
        {
            null => "Missing",
            DeclarationStatus.Declared => "Declared",
            _ => CorrectionReason is null ? "Validated" : "Corrected",
        };
    }

    public sealed class InputModel : FiguresInput
    {
        public int? Year { get; set; }

        /// <summary>1–4 for a quarter; empty for the whole year.</summary>
        public int? Quarter { get; set; }

        /// <summary>The member saw that the period is already declared and replaces it.</summary>
        public bool Confirmed { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Year).NotNull().WithMessage(text["Reporting.YearRequired"]);
            Include(new FiguresValidator(text));
        }
    }
}
