using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Web.Identity;
using Technopark.Web.Validation;

namespace Technopark.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Sends a new confirmation link to an unconfirmed account; the answer is the same, and as fast, for any address: the
/// account is looked up off the request (<see cref="AccountEmailQueue"/>).
/// </summary>
[AllowAnonymous]
public sealed class ResendEmailConfirmationModel(
    AccountEmailQueue requests,
    IValidator<ResendEmailConfirmationModel.InputModel> validator) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            return Page();
        }

        requests.TryEnqueue(Input.Email.Trim(), System.Globalization.CultureInfo.CurrentUICulture.Name, AccountEmailKind.Confirmation);
        Done = true;
        return Page();
    }

    public sealed class InputModel
    {
        public string Email { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<AccountResource> text) =>
            RuleFor(x => x.Email).NotEmpty().WithMessage(text["Validation.EmailRequired"])
                .EmailAddress().WithMessage(text["Validation.EmailInvalid"]);
    }
}
