using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Events;

namespace Technopark.Web.Pages.Manage.Events;

/// <summary>
/// Check-in at the door, from a phone: the confirmed people (search by name, email or child's first name), one big button each
/// to check in or undo, counts of checked-in, confirmed and, once over, no-shows. The QR code of the confirmation email opens
/// this page with <c>?code=</c>: that person comes first, one tap away. Any team member of the site checks in (reviewers too);
/// HQ reads.
/// </summary>
public sealed class CheckInModel(
    TechnoparkDbContext db,
    RegistrationService registrations,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : SitePageModel
{
    /// <summary>The longest search kept.</summary>
    public const int SearchMaxLength = 100;

    public StaffEvent Event { get; private set; } = null!;

    public IReadOnlyList<StaffRegistration> People { get; private set; } = [];

    /// <summary>The person the QR code names (null: no code, or a code that names no one of this event).</summary>
    public StaffRegistration? Scanned { get; private set; }

    public bool CodeInvalid { get; private set; }

    public string? Q { get; private set; }

    public string? Code { get; private set; }

    public int CheckedIn { get; private set; }

    public int Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? code, string? q, CancellationToken cancellationToken) =>
        await LoadAsync(id, code, q, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, long registrationId, bool undo, string? code, string? q, CancellationToken cancellationToken)
    {
        try
        {
            await registrations.CheckInAsync(Site.SiteId, id, registrationId, User.FindFirstValue(ClaimTypes.NameIdentifier)!, undo, cancellationToken);
            return RedirectToPage(new { slug = Site.Slug, id, code, q });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, text["Events.CheckIn.Concurrent"]); // two phones at once on one person: read again
        }

        return await LoadAsync(id, code, q, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, string? code, string? q, CancellationToken cancellationToken)
    {
        if (await StaffEvents.FindAsync(db, Site.SiteId, id, clock.GetUtcNow(), cancellationToken) is not { } found)
        {
            return false;
        }

        Event = found;
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, SearchMaxLength)];
        Code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        var confirmed = await StaffEvents.RegistrationsAsync(db, id, null, [RegistrationState.Confirmed], cancellationToken);
        (Confirmed, CheckedIn) = (confirmed.Count, confirmed.Count(r => r.CheckedInAt is not null));
        People = Q is null ? confirmed : await StaffEvents.RegistrationsAsync(db, id, Q, [RegistrationState.Confirmed], cancellationToken);
        if (Code is not null)
        {
            var hash = RegistrationTokens.Hash(Code);
            var scannedId = hash is null ? null
                : await db.EventRegistrations.AsNoTracking().Where(r => r.TokenHash == hash && r.EventId == id).Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken);
            Scanned = scannedId is { } sid ? (await StaffEvents.RegistrationsAsync(db, id, null, null, cancellationToken)).Single(r => r.Id == sid) : null;
            CodeInvalid = Scanned is null;
        }

        return true;
    }
}
