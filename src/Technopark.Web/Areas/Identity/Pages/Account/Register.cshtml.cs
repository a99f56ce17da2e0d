using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Identity;
using Technopark.Web.Validation;

namespace Technopark.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Self-registration. A new address gets an unconfirmed account and a confirmation link; an address that
/// already has an account gets a warning email instead. Both show the same "check your inbox" page.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(
    UserManager<ApplicationUser> users,
    AccountEmails emails,
    TechnoparkDbContext db,
    IValidator<RegisterModel.InputModel> validator,
    UserLanguage language,
    ILogger<RegisterModel> logger) : PageModel
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

        var email = Input.Email.Trim();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(Input.DisplayName) ? null : Input.DisplayName.Trim(),
        };

        // The password rules run first, whether the address is known or not, so the answer never tells.
        if (!await PasswordAcceptedAsync(user))
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            _ = users.PasswordHasher.HashPassword(existing, Input.Password); // same work as a creation
            emails.QueueAlreadyRegistered(existing.Email!);
            logger.LogInformation("Registration attempt for an existing account {UserId}", existing.Id);
        }
        else
        {
            var created = await users.CreateAsync(user, Input.Password);
            if (!created.Succeeded)
            {
                AddErrors(created);
                return Page();
            }

            await language.RememberAsync(user, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            await emails.QueueConfirmationAsync(user, ReturnUrl);
            logger.LogInformation("Account {UserId} registered, waiting for confirmation", user.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage("./RegisterConfirmation", new { returnUrl = ReturnUrl });
    }

    private async Task<bool> PasswordAcceptedAsync(ApplicationUser user)
    {
        var errors = new List<IdentityError>();
        foreach (var rule in users.PasswordValidators)
        {
            var result = await rule.ValidateAsync(users, user, Input.Password);
            errors.AddRange(result.Errors);
        }

        AddErrors(IdentityResult.Failed([.. errors]));
        return errors.Count == 0;
    }

    private void AddErrors(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            var key = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email";
            ModelState.AddModelError(key, error.Description);
        }
    }

    private string LocalOrHome(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    public sealed class InputModel
    {
        public string Email { get; set; } = string.Empty;

        public string? DisplayName { get; set; }

        public string Password { get; set; } = string.Empty;

        public string ConfirmPassword { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<AccountResource> text)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(text["Validation.EmailRequired"])
                .EmailAddress().WithMessage(text["Validation.EmailInvalid"])
                .MaximumLength(256).WithMessage(text["Validation.EmailInvalid"]);
            RuleFor(x => x.DisplayName).MaximumLength(ApplicationUser.DisplayNameMaxLength).WithMessage(text["Validation.DisplayNameTooLong"]);
            RuleFor(x => x.Password).NotEmpty().WithMessage(text["Validation.PasswordRequired"]);
            RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage(text["Validation.ConfirmPasswordMismatch"]);
        }
    }
}
