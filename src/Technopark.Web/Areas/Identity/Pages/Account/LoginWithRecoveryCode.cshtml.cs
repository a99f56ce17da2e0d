using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Validation;

namespace Technopark.Web.Areas.Identity.Pages.Account;

/// <summary>Second step of sign-in with a one-time recovery code instead of the authenticator.</summary>
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(
    SignInManager<ApplicationUser> signInManager,
    IValidator<LoginWithRecoveryCodeModel.InputModel> validator,
    IStringLocalizer<AccountResource> text,
    ILogger<LoginWithRecoveryCodeModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        return await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login");
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            return Page();
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        logger.LogInformation("Recovery-code sign-in refused (locked out: {LockedOut})", result.IsLockedOut);
        ModelState.AddModelError(string.Empty, result.IsLockedOut ? text["Login.LockedOut"] : text["LoginWithRecovery.Invalid"]);
        return Page();
    }

    public sealed class InputModel
    {
        public string RecoveryCode { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<AccountResource> text) =>
            RuleFor(x => x.RecoveryCode).NotEmpty().WithMessage(text["Validation.RecoveryCodeRequired"]);
    }
}
