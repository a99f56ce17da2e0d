using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Programmes;
using Technopark.Infrastructure;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Programmes;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// The company's coaching: its current programme (name, since, coach), the milestones in order with the day each was reached
/// and its evidence, the sessions log (newest first) with attachments, the session requests, and past programmes. Those who
/// read the company and its coach open it; the coach and the site's managers log sessions, record milestones and answer
/// requests (<see cref="CompanyAccess.CanCoach"/>); members ask for a session, take a slot, withdraw (<see cref="CompanyAccess.CanAskForSession"/>).
/// </summary>
[RequestSizeLimit(Apply.DocumentsModel.DrainLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = Apply.DocumentsModel.RequestLimit)]
[Apply.DocumentsModel.OversizedUpload]
public sealed class CoachingModel(
    CoachingService coaching,
    IValidator<CoachingModel.LogInput> logValidator,
    IValidator<CoachingModel.OfferInput> offerValidator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : CompanyPageModel
{
    [BindProperty]
    public LogInput Log { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty]
    public ReachInput Reach { get; set; } = new();

    [BindProperty]
    public AskInput Ask { get; set; } = new();

    [BindProperty]
    public OfferInput Offer { get; set; } = new();

    /// <summary>The milestone (or request) whose form was refused, so the page shows its message beside it.</summary>
    public int? FailedId { get; private set; }

    public CoachingView View { get; private set; } = null!;

    [TempData]
    public string? Status { get; set; }

    public DateOnly Today => clock.Today();

    /// <summary>The coach of the company (who is not a member) opens this page, and only it, of the company's.</summary>
    protected override bool MayRead(CompanyAccess access) => access.CanReadCoaching;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[Apply.DocumentsModel.TooLargeFlag] is true)
        {
            ModelState.AddModelError("Log.Files", text["Document.TooLarge", Domain.Applications.Application.MaxDocumentMegabytes]);
        }

        Log.HeldOn = Today;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostLogAsync(CancellationToken cancellationToken)
    {
        if (Require(Access.CanCoach) is { } refused)
        {
            return refused;
        }

        if (await logValidator.ValidateIntoAsync(Log, ModelState, nameof(Log), cancellationToken)
            && await RunAsync(ct => coaching.LogAsync(Company, UserId, Log.HeldOn!.Value, Log.Minutes!.Value, Log.Topics, Log.Decisions, Log.NextSteps, Files, ct),
                nameof(Log), null, cancellationToken))
        {
            return Done("Coaching.Page.Logged");
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostReachAsync(int milestoneId, CancellationToken cancellationToken)
    {
        if (Require(Access.CanCoach) is { } refused)
        {
            return refused;
        }

        if (Reach.ReachedOn is not { } day || !DateRangeLimits.Contains(day))
        {
            ModelState.AddModelError("Reach.ReachedOn", text["Coaching.Page.DayRequired"]);
            FailedId = milestoneId;
        }
        else if (await RunAsync(ct => coaching.ReachAsync(Company, UserId, milestoneId, day, Reach.Evidence, ct), nameof(Reach), milestoneId, cancellationToken))
        {
            return Done("Coaching.Page.Reached");
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAskAsync(CancellationToken cancellationToken)
    {
        if (Require(Access.CanAskForSession) is { } refused)
        {
            return refused;
        }

        return await RunAsync(ct => coaching.AskAsync(Company, UserId, Ask.Message, ct), nameof(Ask), null, cancellationToken)
            ? Done("Coaching.Page.Asked")
            : await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostOfferAsync(int requestId, CancellationToken cancellationToken)
    {
        if (Require(Access.CanCoach) is { } refused)
        {
            return refused;
        }

        FailedId = requestId;
        if (await offerValidator.ValidateIntoAsync(Offer, ModelState, nameof(Offer), cancellationToken))
        {
            try
            {
                var slots = Offer.Slots();
                if (await RunAsync(ct => coaching.OfferAsync(Company, UserId, requestId, slots, Offer.Minutes!.Value, ct), nameof(Offer), requestId, cancellationToken))
                {
                    return Done("Coaching.Page.Offered");
                }
            }
            catch (DomainException e) when (e is not NotFoundException)
            {
                ModelState.AddModelError("Offer.Slots", text.Message(e)); // a time the clock skips that night
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
        }

        return await PageAsync(cancellationToken);
    }

    /// <summary>True only from the confirmation form: the first post of a decline or a withdrawal changes nothing.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>A decline or a withdrawal asked for ("Decline" or "Withdraw"), waiting for its confirmation, and its request.</summary>
    public (string Kind, int RequestId)? Pending { get; private set; }

    public Task<IActionResult> OnPostDeclineAsync(int requestId, CancellationToken cancellationToken) =>
        !Access.CanCoach ? Task.FromResult<IActionResult>(Forbid())
        : Confirmed ? ChangeAsync(ct => coaching.DeclineAsync(Company, requestId, ct), requestId, "Coaching.Page.Declined", cancellationToken)
        : ConfirmAsync("Decline", requestId, cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(int requestId, CancellationToken cancellationToken) =>
        !Access.CanAskForSession ? Task.FromResult<IActionResult>(Forbid())
        : Confirmed ? ChangeAsync(ct => coaching.WithdrawAsync(Company, requestId, ct), requestId, "Coaching.Page.Withdrawn", cancellationToken)
        : ConfirmAsync("Withdraw", requestId, cancellationToken);

    /// <summary>Shows the page with the confirmation of a decline or withdrawal of one of the company's requests (404 otherwise).</summary>
    private async Task<IActionResult> ConfirmAsync(string kind, int requestId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (View.Requests.All(r => r.Id != requestId))
        {
            return NotFound();
        }

        Pending = (kind, requestId);
        return Page();
    }

    /// <summary>A member takes the slot starting at <paramref name="slot"/> (Unix seconds, as the page's button sends it).</summary>
    public Task<IActionResult> OnPostChooseAsync(int requestId, long slot, CancellationToken cancellationToken) =>
        Access.CanAskForSession
            ? ChangeAsync(ct => coaching.ChooseAsync(Company, UserId, requestId, DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(slot, 0, 4102444800)), ct),
                requestId, "Coaching.Page.Chosen", cancellationToken)
            : Task.FromResult<IActionResult>(Forbid());

    private async Task<IActionResult> ChangeAsync(Func<CancellationToken, Task> change, int requestId, string done, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(change, "Request", requestId, cancellationToken) ? Done(done) : await PageAsync(cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Runs a change; a broken rule becomes a message beside its field (<c>{form}.{Field}</c>). A request not of the company propagates (404).</summary>
    private async Task<bool> RunAsync(Func<CancellationToken, Task> change, string form, int? id, CancellationToken cancellationToken)
    {
        try
        {
            await change(cancellationToken);
            return true;
        }
        catch (DomainException e) when (e is not NotFoundException)
        {
            ModelState.AddModelError(e.Field is { Length: > 0 } field ? $"{form}.{field}" : form, text.Message(e));
            FailedId = id;
            return false;
        }
    }

    private RedirectToPageResult Done(string key)
    {
        Status = text[key];
        return RedirectToPage("/Companies/Coaching", new { id = Company.CompanyId });
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => View = await coaching.ReadAsync(Company.CompanyId, cancellationToken);

    public sealed class LogInput
    {
        public DateOnly? HeldOn { get; set; }

        public int? Minutes { get; set; } = 60;

        public string? Topics { get; set; }

        public string? Decisions { get; set; }

        public string? NextSteps { get; set; }
    }

    public sealed class ReachInput
    {
        public DateOnly? ReachedOn { get; set; }

        public string? Evidence { get; set; }
    }

    public sealed class AskInput
    {
        public string? Message { get; set; }
    }

    /// <summary>Up to <see cref="SessionRequest.MaxSlots"/> slots, each a day and a time (site time); empty lines are ignored.</summary>
    public sealed class OfferInput
    {
        public List<DateOnly?> Days { get; set; } = [];

        public List<TimeOnly?> Times { get; set; } = [];

        public int? Minutes { get; set; } = 60;

        /// <summary>The slots filled in, as instants of the site's clock (throws <c>Rooms.Time.Skipped</c> for a time the clock skips).</summary>
        public IReadOnlyCollection<DateTimeOffset> Slots() =>
            [.. Days.Zip(Times).Where(p => p.First is not null && p.Second is not null)
                .Select(p => SiteTime.Instant(p.First!.Value, p.Second!.Value.Hour * 60 + p.Second.Value.Minute))];
    }

    public sealed class LogValidator : AbstractValidator<LogInput>
    {
        public LogValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.HeldOn).NotNull().WithMessage(text["Coaching.Page.DayRequired"]);
            RuleFor(x => x.HeldOn).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.HeldOn is not null).WithMessage(text.OutOfRange());
            RuleFor(x => x.Minutes).NotNull().InclusiveBetween(CoachingSession.MinMinutes, CoachingSession.MaxMinutes)
                .WithMessage(text["Coaching.MinutesInvalid", CoachingSession.MinMinutes, CoachingSession.MaxMinutes]);
        }
    }

    public sealed class OfferValidator : AbstractValidator<OfferInput>
    {
        public OfferValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Minutes).NotNull().InclusiveBetween(CoachingSession.MinMinutes, CoachingSession.MaxMinutes)
                .WithMessage(text["Coaching.MinutesInvalid", CoachingSession.MinMinutes, CoachingSession.MaxMinutes]);
            RuleFor(x => x.Days).Must(d => d.Count <= SessionRequest.MaxSlots && d.All(day => day is null || DateRangeLimits.Contains(day.Value)))
                .WithName("Slots").OverridePropertyName("Slots").WithMessage(text["Coaching.SlotsCount", SessionRequest.MaxSlots]);
        }
    }
}
