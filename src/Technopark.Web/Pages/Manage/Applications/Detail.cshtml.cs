using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Apply;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Applications;

/// <summary>
/// One application of the site. Managers assign reviewers, message the applicant and decide (once
/// enough reviews are done); an assigned reviewer scores it and sees the others' scores only after.
/// </summary>
public sealed class DetailModel(
    TechnoparkDbContext db,
    ApplicationWorkflow workflow,
    AuditTrail audit,
    IAuthorizationService authorization,
    IValidator<DetailModel.ScoreInput> scoreValidator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : SitePageModel
{
    public Application Application { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public bool IsReviewer => Application.Reviews.Any(r => r.ReviewerId == UserId);

    public Review? OwnReview => Application.Reviews.FirstOrDefault(r => r.ReviewerId == UserId);

    /// <summary>Managers and HQ (read-only) see every review; a reviewer sees the others once their own is done.</summary>
    public bool SeesAllReviews => CanManage || IsHqReadOnly || OwnReview is { IsDone: true };

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<(string Id, string Email)> Candidates { get; private set; } = [];

    public int MinimumReviews => workflow.MinimumReviews;

    [BindProperty]
    public ScoreInput Score { get; set; } = new();

    [BindProperty]
    public string? ReviewerId { get; set; }

    [BindProperty]
    public Decision? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssignAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !CanManage)
        {
            return NotFound();
        }

        if (ReviewerId is null || !Candidates.Any(c => c.Id == ReviewerId))
        {
            ModelState.AddModelError(nameof(ReviewerId), text["Review.ReviewerRequired"]);
            return Page();
        }

        var before = Application.State.ToString();
        return await ChangeAsync(() => Application.AssignReviewer(ReviewerId, UserId, clock.GetUtcNow()), "application.assign-reviewer",
            new { state = before }, () => new { state = Application.State.ToString(), reviewer = Candidates.First(c => c.Id == ReviewerId).Email },
            "Review.Assigned", nameof(ReviewerId), cancellationToken);
    }

    public async Task<IActionResult> OnPostScoreAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!await scoreValidator.ValidateIntoAsync(Score, ModelState, nameof(Score), cancellationToken))
        {
            return Page();
        }

        var s = Score;
        return await ChangeAsync(() => Application.Score(UserId, s.Innovation, s.Team, s.Market, s.Feasibility, s.Impact, s.Comment, clock.GetUtcNow()),
            "application.review", null, () => new { s.Innovation, s.Team, s.Market, s.Feasibility, s.Impact, s.Comment }, "Review.Saved", nameof(Score), cancellationToken);
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !CanManage)
        {
            return NotFound();
        }

        if (Decision is not { } decision || !Enum.IsDefined(decision))
        {
            ModelState.AddModelError(nameof(Decision), text["Decision.Required"]);
            return Page();
        }

        try
        {
            await workflow.DecideAsync(id, Site.SiteId, decision, Reason ?? string.Empty, UserId, cancellationToken);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field is nameof(Domain.Applications.Application.DecisionReason) ? nameof(Reason) : nameof(Decision), text.Message(e));
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        TempData["Message"] = text[$"Decision.Done.{decision}"].Value;
        return RedirectToPage("/Manage/Applications/Detail", new { slug = Site.Slug, id });
    }

    public async Task<IActionResult> OnPostMessageAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !CanManage)
        {
            return NotFound();
        }

        try
        {
            await workflow.MessageAsync(Application, Message ?? string.Empty, UserId, cancellationToken);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(Message), text.Message(e));
            return Page();
        }

        TempData["Message"] = text["Review.MessageSent"].Value;
        return RedirectToPage("/Manage/Applications/Detail", new { slug = Site.Slug, id });
    }

    private async Task<IActionResult> ChangeAsync(Action change, string action, object? before, Func<object> after, string done, string field,
        CancellationToken cancellationToken)
    {
        try
        {
            change();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(field == nameof(Score) && e.Field is { } f ? $"Score.{f}" : field, text.Message(e));
            return Page();
        }

        audit.Record(action, nameof(Application), Application.Id, Site.SiteId, before, after());
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = text[done].Value;
        return RedirectToPage("/Manage/Applications/Detail", new { slug = Site.Slug, id = Application.Id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        var application = await db.Applications.Include(a => a.Documents).Include(a => a.Reviews).Include(a => a.Events).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id && a.SiteId == siteId && a.State != ApplicationState.Draft, cancellationToken);
        if (application is null)
        {
            return false;
        }

        Application = application;
        CanManage = !IsHqReadOnly && (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        // HQ reads every site's applications, as the inbox lists them (posting is refused by SitePageModel).
        if (!CanManage && !IsReviewer && !IsHqReadOnly)
        {
            return false;
        }

        var ids = application.Reviews.Select(r => r.ReviewerId).Append(application.ApplicantId).ToList();
        Names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        if (CanManage)
        {
            var assigned = application.Reviews.Select(r => r.ReviewerId).ToList();
            var candidates = await db.SiteStaff.AsNoTracking()
                .Where(s => s.SiteId == siteId && (s.Role == SiteRole.Reviewer || s.Role == SiteRole.SiteManager)
                    && s.UserId != application.ApplicantId && !assigned.Contains(s.UserId))
                .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { u.Id, u.Email })
                .OrderBy(u => u.Email).ToListAsync(cancellationToken);
            Candidates = [.. candidates.Select(c => (c.Id, c.Email ?? c.Id))];
        }

        return true;
    }

    public sealed class ScoreInput
    {
        public int Innovation { get; set; }

        public int Team { get; set; }

        public int Market { get; set; }

        public int Feasibility { get; set; }

        public int Impact { get; set; }

        public string? Comment { get; set; }
    }

    public sealed class ScoreValidator : AbstractValidator<ScoreInput>
    {
        public ScoreValidator(IStringLocalizer<SharedResource> text)
        {
            foreach (var rule in new[] { RuleFor(x => x.Innovation), RuleFor(x => x.Team), RuleFor(x => x.Market), RuleFor(x => x.Feasibility), RuleFor(x => x.Impact) })
            {
                rule.InclusiveBetween(Review.MinScore, Review.MaxScore).WithMessage(text["Review.ScoreInvalid", Review.MinScore, Review.MaxScore]);
            }

            RuleFor(x => x.Comment).MaximumLength(Review.CommentMaxLength).WithMessage(text["Review.CommentTooLong", Review.CommentMaxLength]);
        }
    }
}
