using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Infrastructure.Identity;

namespace Technopark.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Signs out on POST (a GET cannot sign anyone out); GET offers the button. A new security stamp ends
/// every session of the person, this one and any copy of its cookie (SessionValidation).
/// </summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signInManager) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signInManager.UserManager.GetUserAsync(User) is { } user)
        {
            await signInManager.UserManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        return RedirectToPage("/Index", new { area = string.Empty });
    }
}
