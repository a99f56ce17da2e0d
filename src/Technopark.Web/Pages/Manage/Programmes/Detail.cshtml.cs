using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Programmes;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;
using Technopark.Web.Validation;
using ProgrammeRules = Technopark.Domain.Programmes.Programme;

namespace Technopark.Web.Pages.Manage.Programmes;

/// <summary>
/// One programme of the site: its settings, its milestones (add, move, retire after a confirmation), retiring or reopening it,
/// and its companies, current and past (enrol a resident of the site today with its coach, change the coach, end an
/// enrolment after a confirmation). The team reads, managers change, HQ reads.
/// </summary>
public sealed class DetailModel(
    TechnoparkDbContext db,
    ProgrammeService programmes,
    IValidator<DetailModel.InputModel> enrolValidator,
    IValidator<DetailModel.EditModel> editValidator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : ProgrammesPageModel
{
    /// <summary>The enrol form (<c>#enrol</c>).</summary>
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public EditModel Edit { get; set; } = new();

    [BindProperty]
    public string? MilestoneName { get; set; }

    public DateOnly Today { get; private set; }

    public ProgrammeView Programme { get; private set; } = null!;

    public IReadOnlyList<MilestoneView> Milestones { get; private set; } = [];

    public IReadOnlyList<EnrolmentView> Enrolments { get; private set; } = [];

    public IReadOnlyList<CompanyOption> Companies { get; private set; } = [];

    public IReadOnlyList<CoachOption> Coaches { get; private set; } = [];

    /// <summary>The confirmation step before retiring a milestone, retiring the programme, or ending an enrolment (null: none).</summary>
    public MilestoneView? RetiringMilestone { get; private set; }

    public bool RetiringProgramme { get; private set; }

    public (EnrolmentView Enrolment, DateOnly Day)? Ending { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Input = new InputModel { Start = clock.Today() };
        return await ShowAsync(id, fillEdit: true, cancellationToken);
    }

    public Task<IActionResult> OnPostEditAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, editValidator, Edit, nameof(Edit), "Programmes.Saved",
            ct => programmes.EditAsync(Site.SiteId, id, Edit.Kind!.Value, Edit.Name, Edit.DurationMonths!.Value, Edit.Services, ct), cancellationToken);

    public Task<IActionResult> OnPostAddMilestoneAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync<object?>(id, null, null, "MilestoneName", "Programmes.MilestoneAdded",
            ct => programmes.AddMilestoneAsync(Site.SiteId, id, MilestoneName, ct), cancellationToken);

    public Task<IActionResult> OnPostMoveAsync(int id, int milestoneId, bool up, CancellationToken cancellationToken) =>
        ChangeAsync<object?>(id, null, null, "MilestoneName", "Programmes.MilestoneMoved",
            ct => programmes.MoveMilestoneAsync(Site.SiteId, id, milestoneId, up, ct), cancellationToken);

    public async Task<IActionResult> OnPostRetireMilestoneAsync(int id, int milestoneId, bool confirmed, CancellationToken cancellationToken)
    {
        if (confirmed)
        {
            return await ChangeAsync<object?>(id, null, null, "MilestoneName", "Programmes.MilestoneRetired",
                ct => programmes.RetireMilestoneAsync(Site.SiteId, id, milestoneId, ct), cancellationToken);
        }

        var shown = await ShowChangeAsync(id, cancellationToken);
        RetiringMilestone = Milestones.SingleOrDefault(m => m.Id == milestoneId && m.IsActive);
        return RetiringMilestone is null && shown is PageResult ? NotFound() : shown;
    }

    public async Task<IActionResult> OnPostRetireAsync(int id, bool confirmed, CancellationToken cancellationToken)
    {
        if (confirmed)
        {
            return await ChangeAsync<object?>(id, null, null, string.Empty, "Programmes.RetiredDone",
                ct => programmes.SetActiveAsync(Site.SiteId, id, false, ct), cancellationToken);
        }

        var shown = await ShowChangeAsync(id, cancellationToken);
        RetiringProgramme = Programme?.IsActive == true;
        return shown;
    }

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync<object?>(id, null, null, string.Empty, "Programmes.Reopened", ct => programmes.SetActiveAsync(Site.SiteId, id, true, ct), cancellationToken);

    public Task<IActionResult> OnPostEnrolAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, enrolValidator, Input, nameof(Input), "Programmes.Enrolled",
            ct => programmes.EnrolAsync(Site.SiteId, id, Input.CompanyId, Input.CoachUserId, Input.Start!.Value, ct), cancellationToken);

    public Task<IActionResult> OnPostCoachAsync(int id, int enrolmentId, string? coachUserId, CancellationToken cancellationToken) =>
        ChangeAsync<object?>(id, null, null, $"Coach-{enrolmentId}", "Programmes.CoachChanged",
            ct => programmes.ChangeCoachAsync(Site.SiteId, id, enrolmentId, coachUserId, ct), cancellationToken);

    public async Task<IActionResult> OnPostEndAsync(int id, int enrolmentId, DateOnly? end, bool confirmed, CancellationToken cancellationToken)
    {
        if (end is not { } day || !DateRangeLimits.Contains(day))
        {
            var page = await ShowChangeAsync(id, cancellationToken);
            ModelState.AddModelError($"End-{enrolmentId}", end is null ? text["Programmes.EndRequired"] : text.OutOfRange());
            return page;
        }

        if (confirmed)
        {
            return await ChangeAsync<object?>(id, null, null, $"End-{enrolmentId}", "Programmes.EnrolmentEnded",
                ct => programmes.EndAsync(Site.SiteId, id, enrolmentId, day, ct), cancellationToken);
        }

        var shown = await ShowChangeAsync(id, cancellationToken);
        var enrolment = Enrolments.SingleOrDefault(e => e.Id == enrolmentId && e.End is null);
        Ending = enrolment is null ? null : (enrolment, day);
        return enrolment is null && shown is PageResult ? NotFound() : shown;
    }

    /// <summary>
    /// A manager's change: validates <paramref name="input"/> (when given), runs <paramref name="change"/>, then PRG with
    /// <paramref name="done"/>; a broken rule shows next to its field (<paramref name="prefix"/>), an unknown id is a 404.
    /// </summary>
    private async Task<IActionResult> ChangeAsync<T>(int id, IValidator<T>? validator, T? input, string prefix, string done, Func<CancellationToken, Task> change,
        CancellationToken cancellationToken)
    {
        if (!await MayChangeAsync())
        {
            return Forbid();
        }

        if (validator is null || await validator.ValidateIntoAsync(input!, ModelState, prefix, cancellationToken))
        {
            try
            {
                await change(cancellationToken);
                TempData["Status"] = text[done].Value;
                return RedirectToPage(new { slug = Site.Slug, id });
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            catch (DomainException e)
            {
                // A form of several fields puts the message next to the field; a one-field form (a milestone's name, a coach, an end day) next to it.
                // A rule of the programme itself (retired) goes above the forms.
                ModelState.AddModelError(validator is null ? prefix : e.Field is null or nameof(Enrolment.ProgrammeId) ? string.Empty : $"{prefix}.{e.Field}",
                    text.Message(e));
            }
        }

        return await ShowAsync(id, fillEdit: prefix != nameof(Edit), cancellationToken);
    }

    /// <summary>The page for a confirmation step (managers only; 403 otherwise).</summary>
    private async Task<IActionResult> ShowChangeAsync(int id, CancellationToken cancellationToken) =>
        await MayChangeAsync() ? await ShowAsync(id, fillEdit: true, cancellationToken) : Forbid();

    private async Task<IActionResult> ShowAsync(int id, bool fillEdit, CancellationToken cancellationToken)
    {
        await MayChangeAsync();
        Today = clock.Today();
        var siteId = Site.SiteId;
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == id && p.SiteId == siteId)
            .Select(p => new ProgrammeView(p.Id, p.Name, p.Kind, p.DurationMonths, p.Services, p.IsActive)).SingleOrDefaultAsync(cancellationToken);
        if (programme is null)
        {
            return NotFound();
        }

        Programme = programme;
        if (fillEdit)
        {
            Edit = new EditModel { Kind = programme.Kind, Name = programme.Name, DurationMonths = programme.DurationMonths, Services = programme.Services };
        }

        Milestones = await db.ProgrammeMilestones.AsNoTracking().Where(m => m.ProgrammeId == id)
            .OrderByDescending(m => m.IsActive).ThenBy(m => m.Position)
            .Select(m => new MilestoneView(m.Id, m.Name, m.IsActive, db.ReachedMilestones.Count(r => r.MilestoneId == m.Id)))
            .ToListAsync(cancellationToken);
        var today = Today;
        Enrolments = await (from e in db.Enrolments.AsNoTracking()
                            where e.ProgrammeId == id && e.SiteId == siteId
                            join c in db.Companies on e.CompanyId equals c.Id
                            join u in db.Users on e.CoachUserId equals u.Id into coaches
                            from u in coaches.DefaultIfEmpty()
                            orderby e.Period.End == null || e.Period.End > today descending, e.Period.Start descending, c.LegalName
                            select new EnrolmentView(e.Id, e.CompanyId, c.LegalName, e.CoachUserId, u == null ? null : u.DisplayName ?? u.Email, e.Period.Start, e.Period.End))
            .ToListAsync(cancellationToken);
        if (CanChange)
        {
            Companies = await db.Companies.AsNoTracking()
                .Where(c => c.SiteId == siteId && (c.ExitedOn == null || c.ExitedOn > today)
                    && !db.Enrolments.Any(e => e.CompanyId == c.Id && (e.Period.End == null || e.Period.End > today)))
                .OrderBy(c => c.LegalName).Select(c => new CompanyOption(c.Id, c.LegalName)).ToListAsync(cancellationToken);
            Coaches = await programmes.CoachesAsync(siteId, cancellationToken);
        }

        return Page();
    }

    public sealed record ProgrammeView(int Id, string Name, ProgrammeKind Kind, int DurationMonths, string? Services, bool IsActive);

    public sealed record MilestoneView(int Id, string Name, bool IsActive, int Reached);

    public sealed record EnrolmentView(int Id, int CompanyId, string Company, string? CoachUserId, string? Coach, DateOnly Start, DateOnly? End)
    {
        public bool IsCurrentOn(DateOnly day) => Start <= day && (End is null || day < End);
    }

    public sealed record CompanyOption(int Id, string Name);

    public sealed class InputModel
    {
        public int CompanyId { get; set; }

        public string? CoachUserId { get; set; }

        public DateOnly? Start { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.CompanyId).GreaterThan(0).WithMessage(text["Programmes.CompanyRequired"]);
            RuleFor(x => x.Start).NotNull().WithMessage(text["Programmes.StartRequired"]);
            RuleFor(x => x.Start).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.Start is not null).WithMessage(text.OutOfRange());
        }
    }

    public sealed class EditModel
    {
        public ProgrammeKind? Kind { get; set; }

        public string? Name { get; set; }

        public int? DurationMonths { get; set; }

        public string? Services { get; set; }
    }

    public sealed class EditValidator : AbstractValidator<EditModel>
    {
        public EditValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Kind).NotNull().WithMessage(text["Programme.KindInvalid"]).IsInEnum().WithMessage(text["Programme.KindInvalid"]);
            RuleFor(x => x.Name).NotEmpty().WithMessage(text["Programme.NameRequired"]).MaximumLength(ProgrammeRules.NameMaxLength).WithMessage(text["Programme.NameRequired"]);
            RuleFor(x => x.DurationMonths).NotNull().WithMessage(text["Programme.DurationInvalid", ProgrammeRules.MinMonths, ProgrammeRules.MaxMonths]).InclusiveBetween(ProgrammeRules.MinMonths, ProgrammeRules.MaxMonths)
                .WithMessage(text["Programme.DurationInvalid", ProgrammeRules.MinMonths, ProgrammeRules.MaxMonths]);
            RuleFor(x => x.Services).MaximumLength(ProgrammeRules.ServicesMaxLength).WithMessage(text["Programme.ServicesTooLong"]);
        }
    }
}
