using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Identity;
using Technopark.Web.Validation;

namespace Technopark.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The link of a reset or HQ invitation email: choose a new password. Success also confirms the address
/// (the link proves it). A bad link gives one message, whether the address has an account or not.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(
    UserManager<ApplicationUser> users,
    IValidator<ResetPasswordModel.InputModel> validator,
    IStringLocalizer<AccountResource> text,
    ILogger<ResetPasswordModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool MissingCode { get; private set; }

    public void OnGet(string? email, string? code)
    {
        Input = new InputModel { Email = email ?? string.Empty, Code = code ?? string.Empty };
        MissingCode = string.IsNullOrWhiteSpace(code);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (!await PasswordAcceptedAsync(user ?? new ApplicationUser()))
        {
            return Page();
        }

        if (user is null || !AccountEmails.TryDecode(Input.Code, out var token))
        {
            ModelState.AddModelError(string.Empty, text["Reset.Failed"]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            logger.LogInformation("Password reset refused for {UserId}: {Errors}", user.Id, string.Join(',', result.Errors.Select(e => e.Code)));
            ModelState.AddModelError(string.Empty, text["Reset.Failed"]);
            return Page();
        }

        if (!user.EmailConfirmed || user.PasswordResetRequired)
        {
            user.EmailConfirmed = true;
            user.PasswordResetRequired = false; // the new password HQ asked for: it signs in again
            await users.UpdateAsync(user);
        }

        await users.ResetAccessFailedCountAsync(user);
        logger.LogInformation("Password reset for {UserId}", user.Id);
        return RedirectToPage("./ResetPasswordConfirmation");
    }

    private async Task<bool> PasswordAcceptedAsync(ApplicationUser user)
    {
        var accepted = true;
        foreach (var rule in users.PasswordValidators)
        {
            foreach (var error in (await rule.ValidateAsync(users, user, Input.Password)).Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
                accepted = false;
            }
        }

        return accepted;
    }

    public sealed class InputModel
    {
        public string Email { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;

        public string ConfirmPassword { get; set; } = string.Empty;

        public string Code { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<AccountResource> text)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(text["Validation.EmailRequired"])
                .EmailAddress().WithMessage(text["Validation.EmailInvalid"]);
            RuleFor(x => x.Password).NotEmpty().WithMessage(text["Validation.NewPasswordRequired"]);
            RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage(text["Validation.ConfirmPasswordMismatch"]);
            RuleFor(x => x.Code).NotEmpty().WithMessage(text["Reset.MissingCode"]);
        }
    }
}
