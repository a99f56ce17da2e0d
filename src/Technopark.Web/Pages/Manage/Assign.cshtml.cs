using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage;

/// <summary>Puts a company (resident, or first in line on the waiting list) into an office or coworking seats.</summary>
public sealed class AssignModel(
    TechnoparkDbContext db,
    AssignmentService assignments,
    IValidator<AssignModel.InputModel> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : SitePageModel
{
    protected override string Policy => Policies.SiteManager;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Option> Spaces { get; private set; } = [];

    public IReadOnlyList<Option> Companies { get; private set; } = [];

    public async Task OnGetAsync(int? spaceId, int? companyId, CancellationToken cancellationToken)
    {
        Input = new InputModel { SpaceId = spaceId ?? 0, CompanyId = companyId ?? 0, Start = clock.Today() };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                await assignments.AssignAsync(Site.SiteId, Input.SpaceId, Input.CompanyId, DateRange.FromLastDay(Input.Start!.Value, Input.LastDay),
                    Input.Seats, Input.MonthlyRent, cancellationToken);
                TempData["Message"] = text["Assign.Done"].Value;
                return RedirectToPage("/Manage/Board", new { slug = Site.Slug, on = Display.Iso(Input.Start.Value) });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Field is null ? string.Empty : $"Input.{e.Field}", text.Message(e));
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Active offices and coworking spaces; the site's companies still in the network, waiting-list ones first.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        var spaces = await db.Spaces.AsNoTracking()
            .Where(s => s.SiteId == siteId && s.IsActive && (s.Kind == SpaceKind.Office || s.Kind == SpaceKind.Coworking))
            .OrderBy(s => s.Kind).ThenBy(s => s.Code)
            .Select(s => new { s.Id, s.Code, s.Kind, s.Seats, s.MonthlyRate })
            .ToListAsync(cancellationToken);
        Spaces = [.. spaces.Select(s => new Option(s.Id, text["Assign.SpaceOption", s.Code, text.Name(s.Kind), Display.Count(s.Seats), text.MonthlyRent(s.MonthlyRate)]))];
        var companies = await db.Companies.AsNoTracking()
            .Where(c => c.SiteId == siteId && c.ExitedOn == null)
            .Select(c => new
            {
                c.Id,
                c.LegalName,
                Waiting = db.WaitingList.Where(w => w.CompanyId == c.Id && w.RemovedOn == null).Min(w => (int?)w.Priority),
            })
            .OrderBy(c => c.Waiting == null).ThenBy(c => c.Waiting).ThenBy(c => c.LegalName)
            .ToListAsync(cancellationToken);
        Companies = [.. companies.Select(c => new Option(c.Id, c.Waiting is null ? c.LegalName : text["Assign.Waiting", c.LegalName].Value))];
    }

    public sealed record Option(int Id, string Label);

    public sealed class InputModel
    {
        public int SpaceId { get; set; }

        public int CompanyId { get; set; }

        public DateOnly? Start { get; set; }

        public DateOnly? LastDay { get; set; }

        public int? Seats { get; set; }

        public decimal? MonthlyRent { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.SpaceId).GreaterThan(0).WithMessage(text["Assign.SpaceRequired"]);
            RuleFor(x => x.CompanyId).GreaterThan(0).WithMessage(text["Assign.CompanyRequired"]);
            RuleFor(x => x.Start).NotNull().WithMessage(text["Assign.StartRequired"]);
            RuleFor(x => x.Start).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.Start is not null)
                .WithMessage(text.OutOfRange());
            RuleFor(x => x.LastDay).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.LastDay is not null)
                .WithMessage(text.OutOfRange());
            RuleFor(x => x.LastDay).GreaterThanOrEqualTo(x => x.Start).When(x => x.Start is not null && x.LastDay is not null)
                .WithMessage(text["Period.EndNotAfterStart"]);
            RuleFor(x => x.Seats).InclusiveBetween(1, Space.MaxSeats).When(x => x.Seats is not null).WithMessage(text["Space.SeatsInvalid", Space.MaxSeats]);
            RuleFor(x => x.MonthlyRent).GreaterThanOrEqualTo(0).When(x => x.MonthlyRent is not null).WithMessage(text["Assignment.RentInvalid"]);
        }
    }
}
