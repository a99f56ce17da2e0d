using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Programmes;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;
using Technopark.Web.Validation;
using Programme = Technopark.Domain.Programmes.Programme;

namespace Technopark.Web.Pages.Manage.Programmes;

/// <summary>The programmes a site offers (kind, length, companies enrolled today, active or retired), and a new one (managers).</summary>
public sealed class IndexModel(
    TechnoparkDbContext db,
    ProgrammeService programmes,
    IValidator<IndexModel.InputModel> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : ProgrammesPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public DateOnly Today { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new InputModel { DurationMonths = 12, Milestones = string.Join("\n", text["Programmes.DefaultMilestones"].Value.Split('|').Select(m => m.Trim())) };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await MayChangeAsync())
        {
            return Forbid();
        }

        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                var id = await programmes.CreateAsync(Site.SiteId, Input.Kind!.Value, Input.Name, Input.DurationMonths!.Value, Input.Services,
                    Lines(Input.Milestones), cancellationToken);
                TempData["Status"] = text["Programmes.Created", Input.Name!.Trim()].Value;
                return RedirectToPage("/Manage/Programmes/Detail", new { slug = Site.Slug, id });
            }
            catch (DomainException e)
            {
                Show(e, text, field: f => f == "Milestone" ? nameof(InputModel.Milestones) : f);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The non-blank lines of a text area, trimmed.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await MayChangeAsync();
        Today = clock.Today();
        var today = Today;
        var siteId = Site.SiteId;
        Rows = await db.Programmes.AsNoTracking().Where(p => p.SiteId == siteId)
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.Name)
            .Select(p => new Row(p.Id, p.Name, p.Kind, p.DurationMonths, p.IsActive,
                db.Enrolments.Count(e => e.ProgrammeId == p.Id && e.Period.Start <= today && (e.Period.End == null || e.Period.End > today)),
                p.Milestones.Count(m => m.IsActive)))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(int Id, string Name, ProgrammeKind Kind, int DurationMonths, bool IsActive, int Companies, int Milestones);

    public sealed class InputModel
    {
        public ProgrammeKind? Kind { get; set; }

        public string? Name { get; set; }

        public int? DurationMonths { get; set; }

        public string? Services { get; set; }

        /// <summary>The first milestones, one per line.</summary>
        public string? Milestones { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Kind).NotNull().WithMessage(text["Programme.KindInvalid"]).IsInEnum().WithMessage(text["Programme.KindInvalid"]);
            RuleFor(x => x.Name).NotEmpty().WithMessage(text["Programme.NameRequired"]).MaximumLength(Programme.NameMaxLength).WithMessage(text["Programme.NameRequired"]);
            RuleFor(x => x.DurationMonths).NotNull().WithMessage(text["Programme.DurationInvalid", Programme.MinMonths, Programme.MaxMonths]).InclusiveBetween(Programme.MinMonths, Programme.MaxMonths)
                .WithMessage(text["Programme.DurationInvalid", Programme.MinMonths, Programme.MaxMonths]);
            RuleFor(x => x.Services).MaximumLength(Programme.ServicesMaxLength).WithMessage(text["Programme.ServicesTooLong"]);
            RuleFor(x => Lines(x.Milestones)).Must(l => l.Count <= Programme.MaxMilestones).OverridePropertyName(nameof(InputModel.Milestones))
                .WithMessage(text["Programme.TooManyMilestones", Programme.MaxMilestones]);
            RuleFor(x => Lines(x.Milestones)).Must(l => l.All(m => m.Length <= ProgrammeMilestone.NameMaxLength)).OverridePropertyName(nameof(InputModel.Milestones))
                .WithMessage(text["Programme.MilestoneNameRequired"]);
        }
    }
}
