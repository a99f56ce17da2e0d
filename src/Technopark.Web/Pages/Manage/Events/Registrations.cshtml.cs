using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Events;

namespace Technopark.Web.Pages.Manage.Events;

/// <summary>
/// An event's registrations (the site's team reads, HQ too): state, when confirmed, the child's first name and age when any,
/// checked in. The site's managers cancel one, after a confirmation; the waiting list moves up.
/// </summary>
public sealed class RegistrationsModel(
    TechnoparkDbContext db,
    RegistrationService registrations,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : SitePageModel
{
    public StaffEvent Event { get; private set; } = null!;

    public IReadOnlyList<StaffRegistration> Registrations { get; private set; } = [];

    /// <summary>The registration whose cancellation is being confirmed.</summary>
    public StaffRegistration? ToCancel { get; private set; }

    public bool CanCancel { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, long? cancel, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ToCancel = CanCancel ? Registrations.FirstOrDefault(r => r.Id == cancel && r.State != Domain.Events.RegistrationState.Cancelled) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, long registrationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!CanCancel)
        {
            return Forbid();
        }

        try
        {
            await registrations.CancelByStaffAsync(Site.SiteId, id, registrationId, cancellationToken);
            TempData["Status"] = text["Events.CheckIn.CancelDone"].Value;
            return RedirectToPage(new { slug = Site.Slug, id });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await StaffEvents.FindAsync(db, Site.SiteId, id, clock.GetUtcNow(), cancellationToken) is not { } found)
        {
            return false;
        }

        Event = found;
        Registrations = await StaffEvents.RegistrationsAsync(db, id, null, null, cancellationToken);
        CanCancel = !IsHqReadOnly && (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        return true;
    }
}
