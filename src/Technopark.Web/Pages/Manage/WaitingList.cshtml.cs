using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage;

/// <summary>The site's waiting list: by priority then date; add (an existing or a new company), reprioritize, remove with a reason.</summary>
public sealed class WaitingListModel(
    TechnoparkDbContext db,
    AuditTrail audit,
    IValidator<WaitingListModel.InputModel> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : SitePageModel
{
    protected override string Policy => Policies.SiteManager;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Entries { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Companies { get; private set; } = [];

    public IReadOnlyList<string> Sectors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                var company = Input.CompanyId > 0
                    ? await db.Companies.SingleOrDefaultAsync(c => c.Id == Input.CompanyId && c.SiteId == Site.SiteId, cancellationToken)
                    : Company.Create(Site.SiteId, Input.NewCompanyName!, Input.Form, Input.Sector!);
                if (company is null)
                {
                    return NotFound();
                }

                if (company.Id == 0)
                {
                    db.Companies.Add(company);
                    await db.SaveChangesAsync(cancellationToken);
                }

                var entry = WaitingListEntry.Create(company, Input.WantedKind, Input.WantedSeats, clock.Today(), Input.Priority, Input.Note);
                db.WaitingList.Add(entry);
                await db.SaveChangesAsync(cancellationToken);
                audit.Record("waiting.add", nameof(WaitingListEntry), entry.Id, Site.SiteId, null,
                    new { company = company.LegalName, kind = entry.WantedKind.ToString(), entry.WantedSeats, entry.Priority });
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = text["Waiting.Added", company.LegalName].Value;
                return RedirectToPage("/Manage/WaitingList", new { slug = Site.Slug });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Field is null ? string.Empty : $"Input.{e.Field}", text.Message(e));
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostPriorityAsync(int id, int priority, CancellationToken cancellationToken) =>
        ChangeAsync(id, "waiting.priority", "Waiting.Reordered", e => e.Prioritize(priority), cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(int id, WaitingListRemoval reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, "waiting.remove", "Waiting.Removed", e => e.Remove(clock.Today(), reason), cancellationToken);

    private async Task<IActionResult> ChangeAsync(int id, string action, string done, Action<WaitingListEntry> change, CancellationToken cancellationToken)
    {
        var entry = await db.WaitingList.SingleOrDefaultAsync(w => w.Id == id && w.SiteId == Site.SiteId, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        var before = new { entry.Priority, removed = entry.RemovalReason?.ToString() };
        try
        {
            change(entry);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
            await LoadAsync(cancellationToken);
            return Page();
        }

        audit.Record(action, nameof(WaitingListEntry), id, Site.SiteId, before, new { entry.Priority, removed = entry.RemovalReason?.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = text[done].Value;
        return RedirectToPage("/Manage/WaitingList", new { slug = Site.Slug });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        var rows = await db.WaitingList.AsNoTracking()
            .Where(w => w.SiteId == siteId)
            .InQueueOrder()
            .Join(db.Companies, w => w.CompanyId, c => c.Id, (w, c) => new { w.Id, w.CompanyId, c.LegalName, w.WantedKind, w.WantedSeats, w.Since, w.Priority, w.Note })
            .ToListAsync(cancellationToken);
        Entries = [.. rows.Select((r, i) => new Row(i + 1, r.Id, r.CompanyId, r.LegalName, r.WantedKind, r.WantedSeats, r.Since, r.Priority, r.Note))];
        var companies = await db.Companies.AsNoTracking().Where(c => c.SiteId == siteId && c.ExitedOn == null)
            .OrderBy(c => c.LegalName).Select(c => new { c.Id, c.LegalName }).ToListAsync(cancellationToken);
        Companies = [.. companies.Select(c => (c.Id, c.LegalName))];
        Sectors = await db.Sites.Where(s => s.Id == siteId).Select(s => s.FocusSectors).SingleAsync(cancellationToken);
    }

    public sealed record Row(int Rank, int Id, int CompanyId, string Company, SpaceKind Kind, int Seats, DateOnly Since, int Priority, string? Note);

    public sealed class InputModel
    {
        public int CompanyId { get; set; }

        public string? NewCompanyName { get; set; }

        public CompanyForm Form { get; set; } = CompanyForm.Startup;

        public string? Sector { get; set; }

        public SpaceKind WantedKind { get; set; } = SpaceKind.Office;

        public int WantedSeats { get; set; } = 2;

        public int Priority { get; set; } = WaitingListEntry.DefaultPriority;

        public string? Note { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.NewCompanyName).NotEmpty().When(x => x.CompanyId <= 0).WithMessage(text["Waiting.CompanyRequired"])
                .MaximumLength(Company.NameMaxLength).WithMessage(text["Company.NameRequired", Company.NameMaxLength]);
            RuleFor(x => x.Sector).Must(s => s is not null && Technopark.Domain.Sites.Sectors.All.Contains(s)).When(x => x.CompanyId <= 0)
                .WithMessage(text["Waiting.SectorRequired"]);
            RuleFor(x => x.WantedKind).Must(k => k is SpaceKind.Office or SpaceKind.Coworking).WithMessage(text["Waiting.KindInvalid"]);
            RuleFor(x => x.WantedSeats).InclusiveBetween(1, Space.MaxSeats).WithMessage(text["Space.SeatsInvalid", Space.MaxSeats]);
            RuleFor(x => x.Priority).InclusiveBetween(WaitingListEntry.HighestPriority, WaitingListEntry.LowestPriority).WithMessage(text["Waiting.PriorityInvalid"]);
            RuleFor(x => x.Note).MaximumLength(WaitingListEntry.NoteMaxLength).WithMessage(text["Waiting.NoteTooLong", WaitingListEntry.NoteMaxLength]);
        }
    }
}
