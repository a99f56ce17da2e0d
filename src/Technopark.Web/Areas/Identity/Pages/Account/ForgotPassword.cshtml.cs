using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Web.Identity;
using Technopark.Web.Validation;

namespace Technopark.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Sends a reset link to an existing account. The page only queues the address and answers at once
/// (<see cref="AccountEmailQueue"/>): the answer, and the work done during the request, are the same
/// for an unknown address, so neither the page nor its timing tells who has an account.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(
    AccountEmailQueue resets,
    IValidator<ForgotPasswordModel.InputModel> validator) : PageModel
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

        resets.TryEnqueue(Input.Email.Trim(), System.Globalization.CultureInfo.CurrentUICulture.Name);
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
