using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Staff;
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

    /// <summary>Why the right password was refused: HQ locked the account, or asks for a new password (else null).</summary>
    public Refusal? Refused { get; private set; }

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
        var user = await signInManager.UserManager.FindByNameAsync(email);
        if (user is null)
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
        if ((result.IsLockedOut || result.IsNotAllowed) && await RefusalAsync(user, Input.Password) is { } refusal)
        {
            Refused = refusal;
            return Page();
        }

        ModelState.AddModelError(string.Empty, text["Login.Failed"]);
        return Page();
    }

    /// <summary>
    /// Why HQ's lock or HQ's "choose a new password" refused this account, told only to whoever typed its right password: Identity
    /// refuses both before it looks at the password, so the password is checked here, and a stranger without it gets the usual
    /// answer. A wrong password still counts as a failed attempt (the temporary lockout then answers as before, checking nothing),
    /// except on an HQ lock, whose endless end the failures' lockout would shorten.
    /// </summary>
    private async Task<Refusal?> RefusalAsync(ApplicationUser user, string password)
    {
        var users = signInManager.UserManager;
        if (AccountRules.IsLockedByHq(user.LockoutEnd))
        {
            return await users.CheckPasswordAsync(user, password) ? Refusal.Locked : null;
        }

        if (!user.PasswordResetRequired || await users.IsLockedOutAsync(user))
        {
            return null;
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            return Refusal.ResetRequired;
        }

        await users.AccessFailedAsync(user);
        return null;
    }

    public enum Refusal
    {
        Locked,
        ResetRequired,
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
