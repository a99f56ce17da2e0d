using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Identity;

namespace Technopark.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Turns two-step verification off (POST, after a confirmation page).</summary>
public sealed class Disable2faModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IStringLocalizer<AccountResource> text,
    ILogger<Disable2faModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("User {UserId} turned two-step verification off", user.Id);
        TempData["StatusMessage"] = text["TwoFactor.Disabled"].Value;
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
