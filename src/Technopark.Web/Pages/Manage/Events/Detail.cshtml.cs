using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Events;

namespace Technopark.Web.Pages.Manage.Events;

/// <summary>
/// /manage/{slug}/events/{id}: one event of the site, its figures, the links to its registrations and its check-in, and (managers)
/// its cancellation: a confirmation first, then the event is cancelled, its room freed and everyone registered told.
/// </summary>
public sealed class DetailModel(
    TechnoparkDbContext db,
    EventService events,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : SitePageModel
{
    public StaffEventRow Event { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public bool CanCancel { get; private set; }

    /// <summary>The manager asked to cancel: the page asks to confirm.</summary>
    public bool Confirming { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>First post: the confirmation. Second (<paramref name="confirmed"/>): cancels, PRG with a status message.</summary>
    public async Task<IActionResult> OnPostCancelAsync(int id, bool confirmed, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded)
        {
            return Forbid();
        }

        if (!confirmed)
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            Confirming = CanCancel;
            return Page();
        }

        try
        {
            await events.CancelAsync(Site, User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value, id, cancellationToken);
            TempData["Status"] = text["Events.Staff.CancelDone"].Value;
            return RedirectToPage(new { slug = Site.Slug, id });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var found = await StaffEvents.Of(db, Site.SiteId, id).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        Event = found;
        CanCancel = !IsHqReadOnly && !found.IsCancelled && !found.IsOver(Now)
            && (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        return true;
    }
}
