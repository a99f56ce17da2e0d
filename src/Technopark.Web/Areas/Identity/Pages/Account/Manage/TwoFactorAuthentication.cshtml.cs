using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Infrastructure.Identity;

namespace Technopark.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Two-step verification overview: on or off, recovery codes left, set up or turn off.</summary>
public sealed class TwoFactorAuthenticationModel(UserManager<ApplicationUser> users) : PageModel
{
    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        return Page();
    }
}
