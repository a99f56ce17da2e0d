using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Events;

/// <summary>
/// The cancellation link of the emails: the GET asks, the POST cancels and the waiting list moves up. A missing or wrong token
/// answers 200 with a message.
/// </summary>
public sealed class CancelModel(RegistrationService registrations, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public TokenRegistration? Registration { get; private set; }

    public bool Done { get; private set; }

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
            await registrations.CancelAsync(Token!, cancellationToken);
            Done = true;
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
