using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Infrastructure.Identity;

namespace Technopark.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The signed-in person's account: address, name, and links to the security settings.</summary>
public sealed class IndexModel(UserManager<ApplicationUser> users) : PageModel
{
    public string Email { get; private set; } = string.Empty;

    public string? DisplayName { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        DisplayName = user.DisplayName;
        TwoFactorEnabled = user.TwoFactorEnabled;
        return Page();
    }
}
