using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Nomads;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Manage.Billing;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Passes;

/// <summary>
/// The digital nomads' coworking passes of a site: current and upcoming first, then past ones (optionally those of one month);
/// managers sell or grant a pass (a seat of a coworking space on each day it covers) and cancel one after a confirmation; the
/// site's team and HQ read.
/// </summary>
public sealed class IndexModel(
    TechnoparkDbContext db,
    PassService passes,
    IValidator<IndexModel.InputModel> validator,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : SitePageModel
{
    /// <summary>At most this many passes are listed (the month filter narrows the list).</summary>
    public const int ListLimit = 300;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public DateOnly Today { get; private set; }

    /// <summary>The month asked for (its first day), or null for every month.</summary>
    public DateOnly? Month { get; private set; }

    public bool MonthRejected { get; private set; }

    /// <summary>A site manager (not HQ reading): may sell and cancel.</summary>
    public bool CanManage { get; private set; }

    public IReadOnlyList<Option> Spaces { get; private set; } = [];

    public IReadOnlyList<Row> Current { get; private set; } = [];

    public IReadOnlyList<Row> Past { get; private set; } = [];

    /// <summary>The pass whose cancellation waits for a confirmation.</summary>
    public Row? Cancelling { get; private set; }

    public async Task OnGetAsync(string? month, CancellationToken cancellationToken)
    {
        Input = new InputModel { First = clock.Today(), Kind = nameof(PassKind.Day) };
        await LoadAsync(month, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await RefuseAsync() is { } refused)
        {
            return refused;
        }

        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                var id = await passes.CreateAsync(Site.SiteId, Input.ToNewPass(), cancellationToken);
                TempData["Status"] = text["Passes.Page.Created", id].Value;
                return RedirectToPage(new { slug = Site.Slug });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Field is null ? string.Empty : $"{nameof(Input)}.{e.Field}", text.Message(e));
            }
        }

        await LoadAsync(null, cancellationToken);
        return Page();
    }

    /// <summary>Cancels a pass of the site once <paramref name="confirmed"/>; before that, shows what will be cancelled.</summary>
    public async Task<IActionResult> OnPostCancelAsync(int id, bool confirmed, string? month, CancellationToken cancellationToken)
    {
        if (await RefuseAsync() is { } refused)
        {
            return refused;
        }

        ModelState.Clear();
        try
        {
            if (!confirmed)
            {
                await LoadAsync(month, cancellationToken);
                Cancelling = await RowsOf(db.CoworkingPasses.Where(p => p.Id == id && p.SiteId == Site.SiteId)).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException(PassService.NotFoundCode);
                Input = new InputModel { First = clock.Today(), Kind = nameof(PassKind.Day) };
                return Page();
            }

            await passes.CancelAsync(Site.SiteId, id, cancellationToken);
            TempData["Status"] = text["Passes.Page.Cancelled", id].Value;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            TempData["Status"] = text.Message(e);
        }

        return RedirectToPage(new { slug = Site.Slug, month });
    }

    private async Task<IActionResult?> RefuseAsync() =>
        (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded ? null : Forbid();

    private async Task LoadAsync(string? month, CancellationToken cancellationToken)
    {
        Today = clock.Today();
        Month = ParseMonth(month);
        MonthRejected = !string.IsNullOrEmpty(month) && Month is null;
        CanManage = !IsHqReadOnly && (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        var siteId = Site.SiteId;
        var spaces = await db.Spaces.AsNoTracking()
            .Where(s => s.SiteId == siteId && s.IsActive && s.Kind == SpaceKind.Coworking)
            .OrderBy(s => s.Code)
            .Select(s => new { s.Id, s.Code, s.Seats })
            .ToListAsync(cancellationToken);
        Spaces = [.. spaces.Select(s => new Option(s.Id, text["Passes.Page.SpaceOption", s.Code, Display.Count(s.Seats)]))];

        var query = db.CoworkingPasses.Where(p => p.SiteId == siteId);
        if (Month is { } first)
        {
            var next = first.AddMonths(1);
            query = query.Where(p => p.Period.Start < next && p.Period.End > first);
        }

        var today = Today;
        Current = await RowsOf(query.Where(p => p.Period.End > today).OrderBy(p => p.Period.Start).ThenBy(p => p.Id))
            .Take(ListLimit).ToListAsync(cancellationToken);
        Past = await RowsOf(query.Where(p => p.Period.End <= today).OrderByDescending(p => p.Period.Start).ThenByDescending(p => p.Id))
            .Take(ListLimit - Current.Count).ToListAsync(cancellationToken);
    }

    private IQueryable<Row> RowsOf(IQueryable<CoworkingPass> query) =>
        query.AsNoTracking().Join(db.Spaces, p => p.SpaceId, s => s.Id, (p, s) => new Row(
            p.Id, s.Code, p.Kind, p.HolderName, p.Email, p.Nationality, p.Period.Start, p.Period.End!.Value.AddDays(-1), p.Price, p.Granted,
            p.CancelledAt != null));

    /// <summary>?month=yyyy-MM within the date limits, else null.</summary>
    public static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && DateRangeLimits.Contains(first) ? first : null;

    public sealed record Option(int Id, string Label);

    public sealed record Row(int Id, string Space, PassKind Kind, string HolderName, string Email, string? Nationality, DateOnly First, DateOnly LastDay,
        decimal Price, bool Granted, bool IsCancelled);

    public sealed class InputModel
    {
        public int SpaceId { get; set; }

        public string? Kind { get; set; }

        public DateOnly? First { get; set; }

        public string? HolderName { get; set; }

        public string? Email { get; set; }

        public string? Nationality { get; set; }

        /// <summary>MAD, written in the page's language ("150,00" in French); empty when granted.</summary>
        public string? Price { get; set; }

        public bool Granted { get; set; }

        public static PassKind? KindOf(string? kind) =>
            Enum.TryParse<PassKind>(kind, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(kind, out _) ? value : null;

        public NewPass ToNewPass() =>
            new(SpaceId, KindOf(Kind)!.Value, First!.Value, HolderName, Email, Nationality, MoneyInput.Parse(Price), Granted);
    }

    /// <summary>What the page can read before the domain decides (space, kind, day, the price's writing, name and email).</summary>
    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.SpaceId).GreaterThan(0).WithMessage(text["Passes.Page.SpaceRequired"]);
            RuleFor(x => x.Kind).Must(k => InputModel.KindOf(k) is not null).WithMessage(text["Passes.KindInvalid"]);
            RuleFor(x => x.First).NotNull().WithMessage(text["Passes.Page.FirstRequired"]);
            RuleFor(x => x.First).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.First is not null).WithMessage(text.OutOfRange());
            RuleFor(x => x.HolderName).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= CoworkingPass.NameMaxLength)
                .WithMessage(text["Passes.NameRequired"]);
            RuleFor(x => x.Email).Must(e => EmailAddress.IsValid(EmailAddress.Normalize(e))).WithMessage(text["Passes.EmailInvalid"]);
            RuleFor(x => x.Price).Amount(required: false, text).When(x => !x.Granted);
        }
    }
}
