using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Manage.Assignments;

/// <summary>
/// One assignment: extend it, end it or transfer the company to another space. Ending takes a reason chosen on purpose (no default)
/// and a second, confirming post: the reason decides how the company counts in the KPIs.
/// </summary>
public sealed class DetailModel(TechnoparkDbContext db, AssignmentService assignments, IStringLocalizer<SharedResource> text, TimeProvider clock)
    : SitePageModel
{
    protected override string Policy => Policies.SiteManager;

    public View Assignment { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Label)> OtherSpaces { get; private set; } = [];

    [BindProperty]
    public uint Version { get; set; }

    [BindProperty]
    public DateOnly? LastDay { get; set; }

    /// <summary>The reasons a manager may choose (a transfer is ended by the transfer form).</summary>
    public static IReadOnlyList<AssignmentEnd> EndReasons => Departure.ReasonsToChoose;

    [BindProperty]
    public AssignmentEnd? Reason { get; set; }

    /// <summary>True only from the confirmation form: the first post of an end changes nothing.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>Whether the page answers a post of the end form (to show back what was typed).</summary>
    public bool EndPosted { get; private set; }

    /// <summary>An end asked for and valid, waiting for its confirmation.</summary>
    public PendingEnd? Pending { get; private set; }

    [BindProperty]
    public int ToSpaceId { get; set; }

    [BindProperty]
    public DateOnly? FirstDay { get; set; }

    [BindProperty]
    public decimal? MonthlyRent { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostExtendAsync(int id, CancellationToken cancellationToken) =>
        RunAsync(id, "Assignment.Extended", ct => assignments.ExtendAsync(Site.SiteId, id, Version, LastDay, ct), cancellationToken);

    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken cancellationToken)
    {
        EndPosted = true;
        if (LastDay is not { } last || Reason is not { } reason || !EndReasons.Contains(reason))
        {
            if (LastDay is null)
            {
                ModelState.AddModelError(nameof(LastDay), text["Assignment.LastDayRequired"]);
            }

            if (Reason is null || !EndReasons.Contains(Reason.Value))
            {
                ModelState.Remove(nameof(Reason)); // an unknown value: one message, ours
                ModelState.AddModelError(nameof(Reason), text["Assignment.ReasonRequired"]);
            }

            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        if (!Confirmed)
        {
            // The rules are checked before the confirmation is shown: a day that cannot be the last gets its message now.
            return await RunAsync(id, done: null, async ct =>
            {
                await assignments.CheckEndAsync(Site.SiteId, id, Version, last, reason, ct);
                Pending = new PendingEnd(last, reason);
            }, cancellationToken);
        }

        return await RunAsync(id, "Assignment.Ended", ct => assignments.EndAsync(Site.SiteId, id, Version, last, reason, ct), cancellationToken);
    }

    public Task<IActionResult> OnPostTransferAsync(int id, CancellationToken cancellationToken) => FirstDay is { } first && ToSpaceId > 0
        ? RunAsync(id, "Assignment.Transferred", ct => assignments.TransferAsync(Site.SiteId, id, Version, ToSpaceId, first, null, MonthlyRent, ct), cancellationToken)
        : FieldErrorAsync(id, ToSpaceId > 0 ? nameof(FirstDay) : nameof(ToSpaceId), ToSpaceId > 0 ? "Assignment.FirstDayRequired" : "Assign.SpaceRequired", cancellationToken);

    /// <summary>Runs a change and goes back to the board with <paramref name="done"/>; with no <paramref name="done"/>, shows the page again.</summary>
    private async Task<IActionResult> RunAsync(int id, string? done, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            await action(cancellationToken);
            if (done is null)
            {
                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            }

            TempData["Message"] = text[done].Value;
            return RedirectToPage("/Manage/Board", new { slug = Site.Slug, on = Display.Iso(clock.Today()) });
        }
        catch (StaleDataException e)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text.Message(e));
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            var field = e.Field switch
            {
                nameof(DateRange.End) => nameof(LastDay),
                nameof(DateRange.Start) or nameof(Assignment.Seats) => nameof(FirstDay),
                nameof(Assignment.SpaceId) or AssignmentService.ToSpaceField => nameof(ToSpaceId),
                _ => string.Empty,
            };
            ModelState.AddModelError(field, text.Message(e));
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<IActionResult> FieldErrorAsync(int id, string field, string key, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(field, text[key]);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        var assignment = await db.Assignments.AsNoTracking()
            .Where(a => a.Id == id && a.SiteId == siteId)
            .Join(db.Spaces, a => a.SpaceId, s => s.Id, (a, s) => new { a, s.Code, s.Kind })
            .Join(db.Companies, x => x.a.CompanyId, c => c.Id, (x, c) => new
            {
                x.a.Id, x.a.Period.Start, x.a.Period.End, x.a.Seats, x.a.MonthlyRent, x.a.EndReason, x.Code, x.Kind, x.a.SpaceId,
                CompanyId = c.Id, c.LegalName, Version = EF.Property<uint>(x.a, nameof(Version)),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (assignment is null)
        {
            return false;
        }

        Assignment = new View(assignment.Id, assignment.SpaceId, assignment.Code, assignment.Kind, assignment.CompanyId, assignment.LegalName, assignment.Start, assignment.End?.AddDays(-1), assignment.Seats,
            assignment.MonthlyRent, assignment.EndReason);
        Version = assignment.Version;
        var spaces = await db.Spaces.AsNoTracking()
            .Where(s => s.SiteId == siteId && s.IsActive && s.Id != assignment.SpaceId && (s.Kind == SpaceKind.Office || s.Kind == SpaceKind.Coworking))
            .OrderBy(s => s.Code).Select(s => new { s.Id, s.Code, s.Kind }).ToListAsync(cancellationToken);
        OtherSpaces = [.. spaces.Select(s => (s.Id, $"{s.Code} · {text.Name(s.Kind)}"))];
        return true;
    }

    public sealed record PendingEnd(DateOnly LastDay, AssignmentEnd Reason);

    public sealed record View(int Id, int SpaceId, string SpaceCode, SpaceKind Kind, int CompanyId, string Company, DateOnly Start, DateOnly? LastDay,
        int Seats, decimal Rent, AssignmentEnd? EndReason);
}
