using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Validation;

namespace Technopark.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Sets up a TOTP app: shows the shared key (groups of 4) and the otpauth:// URI as text (no QR code:
/// no script under the CSP), checks a 6-digit code, then turns 2FA on and shows 10 recovery codes once.
/// </summary>
public sealed class EnableAuthenticatorModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IValidator<EnableAuthenticatorModel.InputModel> validator,
    IStringLocalizer<AccountResource> text,
    ILogger<EnableAuthenticatorModel> logger) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string SharedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            await LoadKeyAsync(user);
            return Page();
        }

        var code = Input.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", text["Enable.InvalidCode"]);
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(user); // the security stamp changed: every other session ends, this one goes on
        logger.LogInformation("User {UserId} turned two-step verification on", user.Id);
        return Page();
    }

    private async Task LoadKeyAsync(ApplicationUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user); // a new key changes the security stamp: keep this session
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        SharedKey = FormatKey(key);
        var email = await users.GetEmailAsync(user) ?? string.Empty;
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("Technopark")}:{Uri.EscapeDataString(email)}?secret={key}&issuer=Technopark&digits=6";
    }

    /// <summary>"ABCDEFGHIJKL" → "abcd efgh ijkl" (easier to type).</summary>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    public sealed class InputModel
    {
        public string Code { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<AccountResource> text) =>
            RuleFor(x => x.Code).Matches(@"^\s*\d{3}[\s-]?\d{3}\s*$").WithMessage(text["Validation.CodeInvalid"])
                .NotEmpty().WithMessage(text["Validation.CodeInvalid"]);
    }
}
