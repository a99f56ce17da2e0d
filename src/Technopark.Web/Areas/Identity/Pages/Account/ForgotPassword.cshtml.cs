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
/// Sends a reset link to an existing account. The answer, and the work done, are the same for an
/// unknown address, so the page cannot be used to find out who has an account.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(
    UserManager<ApplicationUser> users,
    AccountEmails emails,
    TechnoparkDbContext db,
    IValidator<ForgotPasswordModel.InputModel> validator,
    ILogger<ForgotPasswordModel> logger) : PageModel
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

        if (await users.FindByEmailAsync(Input.Email.Trim()) is { } user)
        {
            await emails.QueuePasswordResetAsync(user);
            logger.LogInformation("Password reset link queued for {UserId}", user.Id);
        }
        else
        {
            // A token for a throwaway user: the same cryptographic work as for a real account.
            var stranger = new ApplicationUser { Email = Input.Email.Trim(), SecurityStamp = Guid.NewGuid().ToString("N") };
            _ = await users.GeneratePasswordResetTokenAsync(stranger);
        }

        await db.SaveChangesAsync(cancellationToken);
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
