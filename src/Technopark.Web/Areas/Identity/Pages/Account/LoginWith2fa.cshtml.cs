using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Validation;

namespace Technopark.Web.Areas.Identity.Pages.Account;

/// <summary>Second step of sign-in for accounts with two-step verification: the authenticator code.</summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(
    SignInManager<ApplicationUser> signInManager,
    IValidator<LoginWith2faModel.InputModel> validator,
    IStringLocalizer<AccountResource> text,
    ILogger<LoginWith2faModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public bool RememberMe { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, bool rememberMe)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        RememberMe = rememberMe;
        return await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, bool rememberMe, CancellationToken cancellationToken)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        RememberMe = rememberMe;
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login");
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            return Page();
        }

        var code = Input.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, rememberMe, Input.RememberMachine);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        logger.LogInformation("Two-step sign-in refused (locked out: {LockedOut})", result.IsLockedOut);
        ModelState.AddModelError(string.Empty, result.IsLockedOut ? text["Login.LockedOut"] : text["LoginWith2fa.Invalid"]);
        return Page();
    }

    public sealed class InputModel
    {
        public string Code { get; set; } = string.Empty;

        public bool RememberMachine { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<AccountResource> text) =>
            RuleFor(x => x.Code).Matches(@"^\s*\d{3}[\s-]?\d{3}\s*$").WithMessage(text["Validation.CodeInvalid"])
                .NotEmpty().WithMessage(text["Validation.CodeInvalid"]);
    }
}
