using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Events;

/// <summary>Why the registration form is not offered (or <see cref="Open"/>).</summary>
public enum RegistrationGate
{
    Open,
    Cancelled,
    Closed,
    SignInAsResident,
    ResidentsOnly,
}

/// <summary>
/// One event for anyone (past and cancelled ones too) and its registration form: a name and an email; for a children's workshop
/// the guardian's name and email and the child's first name and age, nothing else. A residents' event takes signed-in members of
/// a company resident at the site today; others are told why.
/// </summary>
public sealed class DetailModel(
    TechnoparkDbContext db,
    PublicEvents events,
    RegistrationService registrations,
    IValidator<DetailModel.InputModel> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PublicEventDetail Event { get; private set; } = null!;

    public RegistrationGate Gate { get; private set; }

    public bool IsOver { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (User.Identity?.IsAuthenticated == true && (User.FindFirstValue(ClaimTypes.Email) ?? User.Identity.Name) is { } email)
        {
            Input.Email = email;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Gate == RegistrationGate.Open && await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                var isChild = Event.Event.Audience == EventAudience.Children;
                await registrations.RegisterAsync(id, new RegistrationRequest(Input.Name, Input.Email, isChild ? Input.ChildFirstName : null,
                    isChild ? Input.ChildAge : null), UserId, isResident: true, cancellationToken); // the gate is open: a resident when it is a residents' event
                TempData["Registered"] = true;
                return RedirectToPage("/Events/Detail", new { id });
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Field is null ? string.Empty : $"Input.{e.Field}", text.Message(e));
            }
        }

        return Page();
    }

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    private bool IsResidentsEvent => Event.Event.Audience == EventAudience.Residents;

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await events.FindAsync(id, cancellationToken) is not { } found)
        {
            return false;
        }

        Event = found;
        var now = clock.GetUtcNow();
        IsOver = now >= found.Event.EndsAt;
        Gate = found.Event.IsCancelled ? RegistrationGate.Cancelled
            : now >= found.Event.RegistrationDeadline ? RegistrationGate.Closed
            : !IsResidentsEvent ? RegistrationGate.Open
            : UserId is null ? RegistrationGate.SignInAsResident
            : await IsResidentAsync(found.SiteId, UserId, cancellationToken) ? RegistrationGate.Open
            : RegistrationGate.ResidentsOnly;
        return true;
    }

    /// <summary>A member of a company of the site that has not left by today.</summary>
    private Task<bool> IsResidentAsync(int siteId, string userId, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        return db.CompanyMembers.AnyAsync(m => m.UserId == userId
            && db.Companies.Any(c => c.Id == m.CompanyId && c.SiteId == siteId && (c.ExitedOn == null || c.ExitedOn > today)), cancellationToken);
    }

    public sealed class InputModel
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? ChildFirstName { get; set; }

        public int? ChildAge { get; set; }
    }

    /// <summary>The shape of the answers; the event's rules (audience, ages) are the Domain's.</summary>
    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= EventRegistration.NameMaxLength)
                .WithMessage(text["Events.NameRequired"]);
            RuleFor(x => x.Email).Must(e => EmailAddress.IsValid(EmailAddress.Normalize(e))).WithMessage(text["Events.EmailInvalid"]);
        }
    }
}
