using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Events;

/// <summary>
/// The confirmation link of the email (double opt-in): the GET only shows a button (mail scanners follow links), the POST
/// confirms: a seat, or the waiting list. A missing or wrong token answers 200 with a message (no 404 that tells a guesser more).
/// </summary>
public sealed class ConfirmModel(RegistrationService registrations, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public TokenRegistration? Registration { get; private set; }

    /// <summary>The state after the POST (Confirmed or Waitlisted).</summary>
    public RegistrationState? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Registration = await registrations.FindAsync(Token, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Registration = await registrations.FindAsync(Token, cancellationToken);
        if (Registration is null)
        {
            return Page();
        }

        try
        {
            Result = await registrations.ConfirmAsync(Token!, cancellationToken);
        }
        catch (NotFoundException)
        {
            Registration = null;
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
        }

        return Page();
    }
}
