using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Validation;

namespace Technopark.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signInManager,
    IValidator<LoginModel.InputModel> validator,
    IStringLocalizer<AccountResource> text,
    Operations.TechnoparkMetrics metrics,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = LocalOrHome(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = LocalOrHome(returnUrl);
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            return Page();
        }

        // Unknown email and wrong password give the same message, and take the same time: for an unknown
        // email a password hash is still verified, as it would be for an account.
        var email = Input.Email.Trim();
        if (await signInManager.UserManager.FindByNameAsync(email) is null)
        {
            signInManager.UserManager.PasswordHasher.VerifyHashedPassword(Decoy, DecoyHash.Value, Input.Password);
            metrics.SignInFailed("unknown_user"); // the other refusals are counted by MeteredSignInManager
            ModelState.AddModelError(string.Empty, text["Login.Failed"]);
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { returnUrl = ReturnUrl, rememberMe = Input.RememberMe });
        }

        // A locked account gets the same answer as an unknown email or a wrong password: the message must
        // not tell that the account exists. The lockout itself still holds (and ends its sessions).
        logger.LogInformation("Sign-in refused (locked out: {LockedOut}, not allowed: {NotAllowed})", result.IsLockedOut, result.IsNotAllowed);
        ModelState.AddModelError(string.Empty, text["Login.Failed"]);
        return Page();
    }

    private static readonly ApplicationUser Decoy = new() { UserName = "decoy@technopark.invalid" };

    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<ApplicationUser>().HashPassword(Decoy, Guid.NewGuid().ToString("N")));

    private string LocalOrHome(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    public sealed class InputModel
    {
        public string Email { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<AccountResource> text)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(text["Validation.EmailRequired"])
                .EmailAddress().WithMessage(text["Validation.EmailInvalid"]);
            RuleFor(x => x.Password).NotEmpty().WithMessage(text["Validation.PasswordRequired"]);
        }
    }
}
